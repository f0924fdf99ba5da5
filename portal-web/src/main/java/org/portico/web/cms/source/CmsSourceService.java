package org.portico.web.cms.source;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.RemoteContentSource;
import org.portico.deeplink.keys.SecretSealer;
import org.portico.deeplink.oauth.InternalAddresses;
import org.portico.deeplink.random.RandomIds;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.problem.FieldMessage;

/**
 * The external CMS sources as site admins change them: checked whole before anything is written (the connector's
 * own settings are built from the change, so what it refuses is refused here, named by field), credentials and the
 * webhook secret sealed with the master secret, audited, announced ({@link CmsSourcesChanged}). The webhook secret is
 * made by Portico and shown once, when the source is added or the secret is renewed.
 *
 * <p>A host on Portico's own network (loopback, private addresses) is refused unless the source allows it
 * ({@code allowInternalHost}): a CMS beside Portico is a deliberate choice, a link-local metadata address never one.
 */
@ApplicationScoped
@Transactional
public class CmsSourceService {

    @Inject
    ChangeMarkers markers;

    /** A source's id: what pages and webhooks name it by. {@code built-in} is the built-in store's. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final String BUILT_IN = "built-in";
    static final int MAX_SOURCES = 50;
    static final Duration MIN_FRESH = Duration.ofSeconds(5);
    static final Duration MAX_FRESH = Duration.ofDays(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(200);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The one client every source's requests go through (and that checking a change builds its adapter with): no
     * redirects, so a source's host cannot bounce Portico's requests elsewhere (see the SSRF notes). An instance
     * field, never a static one: the client's selector thread keeps the deployment's class loader as its context, so
     * a client a class holds would keep every undeployed Portico in memory.
     */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    SecretSealer sealer;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<CmsSourcesChanged> changed;

    /** A source just added, or its webhook secret just renewed: the secret is shown this once. */
    public record WithSecret(CmsSource source, String webhookSecret) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CmsSource> all() {
        return em.createQuery("SELECT s FROM CmsSourceEntity s ORDER BY s.id", CmsSourceEntity.class).getResultList()
                .stream().map(CmsSourceService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CmsSource> find(String id) {
        return stored(id).map(CmsSourceService::view);
    }

    public WithSecret create(String id, CmsSourceType type, CmsSourceChange change, String by) {
        return audited(AuditAction.CMS_SOURCE_CREATED, id, () -> {
            List<FieldMessage> problems = new ArrayList<>();
            if (id == null || !ID.matcher(id).matches() || BUILT_IN.equals(id)) {
                problems.add(FieldMessage.of("id", "cms.source.rule.id"));
            }
            if (type == null) {
                problems.add(FieldMessage.of("type", "cms.source.rule.type"));
            }
            if (problems.isEmpty() && stored(id).isPresent()) {
                throw new CmsSourceRejectedException.IdTaken(id);
            }
            if (problems.isEmpty() && em.createQuery("SELECT COUNT(s) FROM CmsSourceEntity s", Long.class)
                    .getSingleResult() >= MAX_SOURCES) {
                throw new CmsSourceRejectedException.InvalidSource(List.of(FieldMessage.of("id", "cms.source.rule.tooMany",
                        MAX_SOURCES)));
            }
            // A bad id or type is said together with what is wrong with the rest (the entity is then never kept).
            CmsSourceEntity entity = new CmsSourceEntity(id, type);
            apply(entity, change, by, problems);
            String secret = RandomIds.secret();
            entity.webhookSecretSealed = sealer.seal(label(id, "webhook"), secret.getBytes(StandardCharsets.UTF_8));
            em.persist(entity);
            em.flush();
            return new Done<>(new WithSecret(view(entity), secret), "added " + type + " at " + change.baseUrl());
        });
    }

    public CmsSource update(String id, CmsSourceChange change, long expectedLock, String by) {
        return audited(AuditAction.CMS_SOURCE_UPDATED, id, () -> {
            CmsSourceEntity entity = existing(id);
            if (entity.getLockVersion() != expectedLock) {
                throw new CmsSourceRejectedException.StaleSource(id);
            }
            apply(entity, change, by, new ArrayList<>());
            em.flush();
            return new Done<>(view(entity), "changed: " + change);
        });
    }

    /** A new webhook secret, shown once; the old one stops working at once. */
    public WithSecret renewWebhookSecret(String id, String by) {
        return audited(AuditAction.CMS_SOURCE_UPDATED, id, () -> {
            CmsSourceEntity entity = existing(id);
            String secret = RandomIds.secret();
            entity.webhookSecretSealed = sealer.seal(label(id, "webhook"), secret.getBytes(StandardCharsets.UTF_8));
            entity.updatedAt = clock.instant();
            entity.updatedBy = by;
            em.flush();
            return new Done<>(new WithSecret(view(entity), secret), "webhook secret renewed");
        });
    }

    public void delete(String id, String by) {
        audited(AuditAction.CMS_SOURCE_DELETED, id, () -> {
            em.remove(existing(id));
            return new Done<>(null, "deleted");
        });
    }

    /** The connector of a stored source, with its secrets opened; empty when there is none or it is disabled. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<CmsSourceConnector> connector(String id) {
        return stored(id).filter(entity -> entity.enabled).map(this::connector);
    }

    /**
     * Reaches the source as it is stored, and says what it reached and how long it took. Each request is bounded by
     * the source's timeout; {@link CmsSources#test} bounds the whole check.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ConnectionCheck test(String id) {
        return probe(id).get();
    }

    /**
     * The check of a stored source, ready to run: its connector is built (secrets opened) now, and the check itself
     * needs no database, so it may run on another thread.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Supplier<ConnectionCheck> probe(String id) {
        CmsSourceEntity entity = existing(id);
        try {
            RemoteContentSource source = connector(entity).source();
            return source::check;
        } catch (IllegalArgumentException e) {
            ConnectionCheck notTried = ConnectionCheck.failed(entity.baseUrl, Duration.ZERO, "not tried: " + e.getMessage());
            return () -> notTried;
        }
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private CmsSourceConnector connector(CmsSourceEntity entity) {
        Optional<String> credential = Optional.ofNullable(entity.credentialSealed).map(sealed ->
                new String(sealer.open(label(entity.getId(), "credential"), sealed), StandardCharsets.UTF_8));
        String secret = new String(sealer.open(label(entity.getId(), "webhook"), entity.webhookSecretSealed),
                StandardCharsets.UTF_8);
        return CmsSourceConnector.of(view(entity), credential, secret, http, clock);
    }

    /**
     * Checks the change as the connector will be built from it, then writes it into the entity.
     *
     * @param problems what was found wrong before (the id, the type): refused together with the change's own
     */
    private void apply(CmsSourceEntity entity, CmsSourceChange change, String by, List<FieldMessage> problems) {
        String name = change.name() == null ? "" : change.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(FieldMessage.of("name", "cms.source.rule.name"));
        }
        if (change.timeout() == null || change.timeout().compareTo(MIN_TIMEOUT) < 0
                || change.timeout().compareTo(MAX_TIMEOUT) > 0) {
            problems.add(FieldMessage.of("timeoutMillis", "cms.source.rule.timeout", MIN_TIMEOUT.toMillis(),
                    MAX_TIMEOUT.toMillis()));
        }
        if (change.freshFor() == null || change.freshFor().compareTo(MIN_FRESH) < 0
                || change.freshFor().compareTo(MAX_FRESH) > 0) {
            problems.add(FieldMessage.of("freshForSeconds", "cms.source.rule.freshFor", MIN_FRESH.toSeconds(),
                    MAX_FRESH.toSeconds()));
        }
        String url = change.baseUrl() == null ? "" : change.baseUrl().strip();
        URI uri = null;
        try {
            uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || url.length() > 500) {
                uri = null;
            }
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null) {
            problems.add(FieldMessage.of("baseUrl", "cms.source.rule.baseUrl"));
        } else if (!"true".equals(change.options().get(CmsSourceConnector.ALLOW_INTERNAL_HOST))) {
            try {
                InternalAddresses.findInternal(uri.getHost(), InternalAddresses.HostResolver.SYSTEM).ifPresent(address ->
                        problems.add(FieldMessage.of("baseUrl", "cms.source.rule.internalHost", address.getHostAddress())));
            } catch (UnknownHostException e) {
                // checked again when the source is used; a host that does not resolve yet may be set up later
            }
        }
        if (problems.isEmpty()) {
            Optional<String> credential = change.credential() == null
                    ? Optional.ofNullable(entity.credentialSealed).map(sealed -> new String(
                            sealer.open(label(entity.getId(), "credential"), sealed), StandardCharsets.UTF_8))
                    : Optional.of(change.credential()).filter(value -> !value.isEmpty());
            CmsSource candidate = new CmsSource(entity.getId(), entity.getType(), name, url, change.options(),
                    credential.isPresent(), change.timeout(), change.freshFor(), change.enabled(), clock.instant(), by,
                    entity.getLockVersion());
            try {
                CmsSourceConnector.of(candidate, credential, "a-webhook-secret-to-check-settings", http, clock);
            } catch (IllegalArgumentException e) {
                problems.add(FieldMessage.of("options", "cms.source.rule.settings", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new CmsSourceRejectedException.InvalidSource(problems);
        }
        entity.name = name;
        entity.baseUrl = url;
        JsonObjectBuilder options = JSON.createObjectBuilder();
        change.options().forEach(options::add);
        entity.options = options.build().toString();
        if (change.credential() != null) {
            entity.credentialSealed = change.credential().isEmpty() ? null
                    : sealer.seal(label(entity.getId(), "credential"), change.credential().getBytes(StandardCharsets.UTF_8));
        }
        entity.timeoutMillis = (int) change.timeout().toMillis();
        entity.freshForSeconds = (int) change.freshFor().toSeconds();
        entity.enabled = change.enabled();
        entity.updatedAt = clock.instant();
        entity.updatedBy = by;
    }

    private Optional<CmsSourceEntity> stored(String id) {
        return id == null || !ID.matcher(id).matches() ? Optional.empty()
                : Optional.ofNullable(em.find(CmsSourceEntity.class, id));
    }

    private CmsSourceEntity existing(String id) {
        return stored(id).orElseThrow(() -> new CmsSourceRejectedException.SourceNotFound(
                id == null ? "" : id.replaceAll("[^a-z0-9-]", "?")));
    }

    private static String label(String id, String what) {
        return "cms-source:" + id + ":" + what;
    }

    static CmsSource view(CmsSourceEntity entity) {
        Map<String, String> options = new TreeMap<>();
        try (JsonReader reader = JSON.createReader(new StringReader(entity.options))) {
            reader.readObject().forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    options.put(name, text.getString());
                }
            });
        }
        return new CmsSource(entity.getId(), entity.getType(), entity.name, entity.baseUrl, options,
                entity.credentialSealed != null, Duration.ofMillis(entity.timeoutMillis),
                Duration.ofSeconds(entity.freshForSeconds), entity.enabled, entity.updatedAt, entity.updatedBy,
                entity.getLockVersion());
    }

    private record Done<T>(T result, String detail) {
    }

    private <T> T audited(AuditAction action, String id, Supplier<Done<T>> change) {
        String target = "cms-source:" + id;
        try {
            Done<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            changed.fire(new CmsSourcesChanged(id));
            markers.bump(Topics.CMS_SOURCES);
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new CmsSourceRejectedException.StaleSource(id);
        } catch (CmsSourceRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}

package org.portico.web.cdn;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.cdn.purge.CdnPurger;
import org.portico.cdn.purge.PurgeTarget;
import org.portico.deeplink.keys.SecretSealer;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.problem.FieldMessage;

/**
 * The purge targets as site admins change them: checked whole before anything is written (the adapter is built from
 * the change, so what it refuses is refused here, as a problem of {@code options}), the credential sealed with the
 * master secret and never shown again, audited. Deleting a target deletes its queue.
 *
 * <p>The endpoint may be on Portico's own network (Varnish usually is) but never a link-local address (the cloud
 * metadata service lives there).
 */
@ApplicationScoped
@Transactional
public class CdnTargetService {

    /** The most targets Portico purges (each content change writes a queue row per target). */
    static final int MAX_TARGETS = 20;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    SecretSealer sealer;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    CdnPurgerFactory purgers;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CdnTarget> all() {
        return em.createQuery("SELECT t FROM CdnTargetEntity t ORDER BY t.name", CdnTargetEntity.class)
                .getResultList().stream().map(CdnTargetService::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CdnTarget> find(long id) {
        return Optional.ofNullable(em.find(CdnTargetEntity.class, id)).map(CdnTargetService::view);
    }

    /** The ids of the enabled targets, in order: whom a content change is queued for. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Long> enabledIds() {
        return em.createQuery("SELECT t.id FROM CdnTargetEntity t WHERE t.enabled = true ORDER BY t.id", Long.class)
                .getResultList();
    }

    public CdnTarget create(PurgeTarget.Kind kind, CdnTargetChange change, String by) {
        return audited(AuditAction.CDN_TARGET_CREATED, change.name(), () -> {
            List<FieldMessage> problems = new ArrayList<>();
            if (kind == null) {
                problems.add(FieldMessage.of("kind", "cdn.rule.kind"));
            }
            if (em.createQuery("SELECT COUNT(t) FROM CdnTargetEntity t", Long.class).getSingleResult() >= MAX_TARGETS) {
                problems.add(FieldMessage.of("name", "cdn.rule.tooMany", MAX_TARGETS));
            }
            CdnTargetEntity entity = new CdnTargetEntity(kind);
            apply(entity, change, by, problems);
            em.persist(entity);
            em.flush();
            return new Done<>(view(entity), "added " + kind + " at " + change.endpoint());
        });
    }

    public CdnTarget update(long id, CdnTargetChange change, long expectedLock, String by) {
        CdnTargetEntity entity = existing(id);
        return audited(AuditAction.CDN_TARGET_UPDATED, entity.name, () -> {
            if (entity.getLockVersion() != expectedLock) {
                throw new CdnRejectedException.StaleTarget(entity.name);
            }
            apply(entity, change, by, new ArrayList<>());
            em.flush();
            return new Done<>(view(entity), "changed: " + change);
        });
    }

    public void delete(long id, String by) {
        CdnTargetEntity entity = existing(id);
        audited(AuditAction.CDN_TARGET_DELETED, entity.name, () -> {
            em.createQuery("DELETE FROM CdnPurgeEntity p WHERE p.targetId = :id").setParameter("id", id).executeUpdate();
            em.remove(entity);
            return new Done<>(null, "deleted with its queue");
        });
    }

    /**
     * The adapter of a stored target, its credential opened: built now, used without the database (so it may run on
     * another thread).
     *
     * @throws CdnRejectedException.TargetNotFound when there is no such target
     * @throws IllegalArgumentException            when what is stored no longer fits the adapter
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CdnPurger purger(long id) {
        CdnTargetEntity entity = existing(id);
        return purgers.create(purgeTarget(entity, URI.create(entity.endpoint), options(entity.options),
                credential(entity)));
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private Optional<String> credential(CdnTargetEntity entity) {
        return Optional.ofNullable(entity.credentialSealed).map(sealed ->
                new String(sealer.open(label(entity), sealed), StandardCharsets.UTF_8));
    }

    private static PurgeTarget purgeTarget(CdnTargetEntity entity, URI endpoint, Map<String, String> options,
                                           Optional<String> credential) {
        return new PurgeTarget(entity.getKind(), endpoint, options, credential);
    }

    /**
     * Checks the change as the adapter will be built from it, then writes it into the entity.
     *
     * @param problems what was found wrong before (the kind, the count): refused together with the change's own
     */
    private void apply(CdnTargetEntity entity, CdnTargetChange change, String by, List<FieldMessage> problems) {
        String name = change.name() == null ? "" : change.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(FieldMessage.of("name", "cdn.rule.name"));
        } else if (!em.createQuery("SELECT t.id FROM CdnTargetEntity t WHERE t.name = :name", Long.class)
                .setParameter("name", name).getResultList().stream().allMatch(other -> other.equals(entity.getId()))) {
            problems.add(FieldMessage.of("name", "cdn.rule.nameTaken"));
        }
        String url = change.endpoint() == null ? "" : change.endpoint().strip();
        URI endpoint = endpoint(url);
        if (endpoint == null) {
            problems.add(FieldMessage.of("endpoint", "cdn.rule.endpoint"));
        } else {
            linkLocal(endpoint.getHost()).ifPresent(address ->
                    problems.add(FieldMessage.of("endpoint", "cdn.rule.linkLocal", address)));
        }
        Optional<String> credential = change.credential() == null ? credential(entity)
                : Optional.of(change.credential()).filter(value -> !value.isEmpty());
        if (change.credential() != null && change.credential().length() > 1000) {
            problems.add(FieldMessage.of("credential", "cdn.rule.credential"));
        }
        if (problems.isEmpty() && entity.getKind() != null) {
            try {
                purgers.create(purgeTarget(entity, endpoint, change.options(), credential));
            } catch (IllegalArgumentException e) {
                problems.add(FieldMessage.of("options", "cdn.rule.settings", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new CdnRejectedException.InvalidTarget(problems);
        }
        entity.name = name;
        entity.endpoint = url;
        JsonObjectBuilder options = JSON.createObjectBuilder();
        change.options().forEach(options::add);
        entity.options = options.build().toString();
        if (change.credential() != null) {
            entity.credentialSealed = change.credential().isEmpty() ? null
                    : sealer.seal(label(entity), change.credential().getBytes(StandardCharsets.UTF_8));
        }
        entity.enabled = change.enabled();
        entity.updatedAt = clock.instant();
        entity.updatedBy = by;
    }

    /** An absolute http(s) URL without user info, query or fragment, at most 500 characters; null otherwise. */
    static URI endpoint(String url) {
        try {
            URI uri = URI.create(url);
            boolean fits = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && url.length() <= 500;
            return fits ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<String> linkLocal(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    return Optional.of(address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            // checked again when the target is used; a host that does not resolve yet may be set up later
        }
        return Optional.empty();
    }

    /**
     * The label a credential is sealed under. The id is not known before the first flush, so the label is the kind's:
     * a sealed value cannot be moved to a target of another kind.
     */
    private static String label(CdnTargetEntity entity) {
        return "cdn-target:" + entity.getKind().name().toLowerCase(java.util.Locale.ROOT) + ":credential";
    }

    private CdnTargetEntity existing(long id) {
        return Optional.ofNullable(em.find(CdnTargetEntity.class, id))
                .orElseThrow(() -> new CdnRejectedException.TargetNotFound(Long.toString(id)));
    }

    static Map<String, String> options(String json) {
        Map<String, String> options = new TreeMap<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            reader.readObject().forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    options.put(name, text.getString());
                }
            });
        }
        return options;
    }

    static CdnTarget view(CdnTargetEntity entity) {
        return new CdnTarget(entity.getId(), entity.name, entity.getKind(), entity.endpoint, options(entity.options),
                entity.credentialSealed != null, entity.enabled, entity.updatedAt, entity.updatedBy,
                entity.getLockVersion());
    }

    private record Done<T>(T result, String detail) {
    }

    private <T> T audited(AuditAction action, String name, Supplier<Done<T>> change) {
        String target = "cdn-target:" + (name == null ? "" : name.strip());
        try {
            Done<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new CdnRejectedException.StaleTarget(name);
        } catch (CdnRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}

package org.portico.web.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.portico.web.database.ContainsSearch;
import org.portico.web.settings.PorticoIssuer;

import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.problem.FieldMessage;
import org.portico.web.user.Role;

/**
 * The app registry: lookup, search and the site admin's changes. Every value is checked by {@link AppRules}
 * (all problems at once), ids and audiences are unique, and every change — done or refused — goes to the
 * {@link AuditLog}. Client secrets are generated here, returned once in {@link AppSaved} and stored only as
 * keyed hashes ({@link ClientSecretHasher}); a legacy PBKDF2 hash moves to that form on its next successful use.
 */
@ApplicationScoped
@Transactional
public class AppService {

    @Inject
    ChangeMarkers markers;

    /** The fields the admin list's search box looks in. */
    private static final String[] SEARCHED = {"a.id", "a.name", "a.audience"};

    private static ContainsSearch search(String query) {
        return new ContainsSearch(query);
    }

    /** The sign-on roles of a new app whose draft names none: ordinary users only. */
    static final Set<Role> DEFAULT_SIGN_ON_ROLES = Set.of(Role.END_USER);

    private static final Map<String, String> SORTABLE = Map.of(
            "id", "a.id",
            "name", "a.name",
            "audience", "a.audience",
            "enabled", "a.enabled",
            "createdAt", "a.createdAt",
            "updatedAt", "a.updatedAt");

    @PersistenceContext(unitName = "portico")
    EntityManager em;


    @Inject
    AuditLog audit;

    @Inject
    ClientSecretHasher secrets;

    @Inject
    Clock clock;

    @Inject
    Event<AppsChanged> changed;

    @Inject
    PorticoIssuer portico;

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RegisteredApp> findById(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(RegisteredApp.class, AppRules.normalizeId(id)));
    }

    /** @throws AppRejectedException.AppNotFound when no app has this id */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RegisteredApp getById(String id) {
        return findById(id).orElseThrow(() -> new AppRejectedException.AppNotFound(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RegisteredApp> findByAudience(String audience) {
        return em.createQuery("select a from RegisteredApp a where a.audience = :audience", RegisteredApp.class)
                .setParameter("audience", audience == null ? "" : audience.strip())
                .getResultStream()
                .findFirst();
    }

    /** One page of apps whose id, name or audience contains the query (case-insensitive). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RegisteredApp> search(String query, int first, int pageSize, String sortField, boolean ascending) {
        String orderBy = SORTABLE.getOrDefault(sortField, "a.id") + (ascending ? " asc" : " desc");
        TypedQuery<RegisteredApp> search = em.createQuery(
                "select a from RegisteredApp a" + search(query).where(SEARCHED) + " order by " + orderBy + ", a.id", RegisteredApp.class);
        search(query).bind(search);
        return search.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, pageSize)).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(String query) {
        TypedQuery<Long> count = em.createQuery("select count(a) from RegisteredApp a" + search(query).where(SEARCHED), Long.class);
        search(query).bind(count);
        return count.getSingleResult();
    }

    /** Whether the secret is the app's current client secret. False for unknown, disabled or private_key_jwt apps. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean verifySecret(String id, String secret) {
        Optional<RegisteredApp> app = findById(id);
        if (secret == null || secret.length() > 256 || app.isEmpty() || app.get().getClientSecretHash() == null) {
            secrets.matchesNothing(secret == null ? "" : secret);
            return false;
        }
        return secrets.verify(new ClientSecret(app.get().getClientSecretHash()), secret).matched()
                && app.get().isEnabled();
    }

    /**
     * Stores a client secret's hash in the current (fast, keyed) form in place of its legacy PBKDF2 hash, after the
     * secret verified: one conditional update, so a secret regenerated in the meantime is never overwritten. Not
     * audited as a change: the secret stays the same, only its stored form moves.
     *
     * @return whether the hash was replaced
     */
    @Transactional
    public boolean upgradeSecretHash(String id, ClientSecret legacy, ClientSecret current) {
        return em.createQuery("update RegisteredApp a set a.clientSecretHash = :current"
                        + " where a.id = :id and a.clientSecretHash = :legacy")
                .setParameter("current", current.hash())
                .setParameter("id", id)
                .setParameter("legacy", legacy.hash())
                .executeUpdate() == 1;
    }




    // ---- changes -------------------------------------------------------------------------------------------

    /**
     * Registers an app. With {@code client_secret}, a new secret is generated and returned once.
     *
     * @throws AppRejectedException.InvalidApp    listing every invalid field
     * @throws AppRejectedException.AppIdTaken    when the id is taken
     * @throws AppRejectedException.AudienceTaken when another app has the audience
     */
    public AppSaved create(AppDraft draft) {
        String target = "app:" + AppRules.normalizeId(draft.id());
        AppSaved saved = audited(AuditAction.APP_CREATED, target, () -> {
            AppRules.Checked checked = AppRules.check(draft, true, portico.origin());
            Set<RegisteredApp> targets = requireValid(checked, null);
            if (em.find(RegisteredApp.class, checked.id()) != null) {
                throw new AppRejectedException.AppIdTaken(checked.id());
            }
            requireFreeAudience(checked.audience(), null);
            RegisteredApp app = new RegisteredApp(checked.id(), clock.instant());
            Optional<String> secret = apply(app, checked, targets);
            em.persist(app);
            return new Change<>(new AppSaved(app, secret), "audience " + app.getAudience() + ", "
                    + app.getClientAuthentication().methodName() + (app.isEnabled() ? "" : ", disabled"));
        });
        auditSignOnRoles(target, DEFAULT_SIGN_ON_ROLES, saved.app());
        return saved;
    }

    /**
     * Changes an app; its id stays. Switching to {@code client_secret} generates a secret (returned once);
     * switching to {@code private_key_jwt} forgets the old secret's hash.
     *
     * @param expectedVersion the version the admin saw; another version means someone else changed it meanwhile
     * @throws AppRejectedException.StaleApp when the version is not the current one
     */
    public AppSaved update(String id, long expectedVersion, AppDraft draft) {
        String target = "app:" + AppRules.normalizeId(id);
        Set<Role> signOnRolesBefore = findById(id).map(RegisteredApp::getSignOnRoles).orElse(Set.of());
        AppSaved saved = audited(AuditAction.APP_UPDATED, target, () -> {
            RegisteredApp app = getById(id);
            if (app.getVersion() != expectedVersion) {
                throw new AppRejectedException.StaleApp(app.getId());
            }
            AppRules.Checked checked = AppRules.check(draft, false, portico.origin());
            Set<RegisteredApp> targets = requireValid(checked, app.getId());
            requireFreeAudience(checked.audience(), app.getId());
            Map<String, Object> before = describe(app);
            Optional<String> secret = apply(app, checked, targets);
            app.touch(clock.instant());
            Map<String, Object> after = describe(app);
            List<String> changed = new ArrayList<>();
            before.forEach((field, value) -> {
                if (!Objects.equals(value, after.get(field))) {
                    changed.add(field);
                }
            });
            return new Change<>(new AppSaved(app, secret),
                    changed.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", changed));
        });
        auditSignOnRoles(target, signOnRolesBefore, saved.app());
        return saved;
    }

    /**
     * A change of an app's sign-on roles gets an entry of its own, which says whether the app may now sign in site
     * admins: that is the one setting which lets an app's signature stand in for an administrator's password.
     */
    private void auditSignOnRoles(String target, Set<Role> before, RegisteredApp app) {
        Set<Role> after = app.getSignOnRoles();
        if (after.equals(before)) {
            return;
        }
        audit.record(AuditAction.APP_SIGN_ON_ROLES_CHANGED, target, AuditOutcome.SUCCESS, "sign-on roles "
                + names(before) + " -> " + names(after) + (after.contains(Role.SITE_ADMIN)
                ? "; WARNING: links from this app may sign in site admins" + (app.isTrustedForSignOn() ? ""
                : " once it is trusted for sign-on") : ""));
    }

    private static List<String> names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::roleName).toList();
    }

    /** Enables or disables an app; a disabled app gets no tokens and no redirects. */
    public RegisteredApp setEnabled(String id, boolean enabled) {
        return audited(enabled ? AuditAction.APP_ENABLED : AuditAction.APP_DISABLED, "app:" + AppRules.normalizeId(id), () -> {
            RegisteredApp app = getById(id);
            app.setEnabled(enabled);
            app.touch(clock.instant());
            return new Change<>(app, null);
        });
    }

    /**
     * Replaces the client secret with a new one, returned once; the old secret stops working at once.
     *
     * @throws AppRejectedException.NoClientSecret for {@code private_key_jwt} apps
     */
    public AppSaved regenerateSecret(String id) {
        return audited(AuditAction.APP_SECRET_REGENERATED, "app:" + AppRules.normalizeId(id), () -> {
            RegisteredApp app = getById(id);
            if (app.getClientAuthentication() != ClientAuthentication.CLIENT_SECRET) {
                throw new AppRejectedException.NoClientSecret(app.getId());
            }
            ClientSecret.Generated secret = secrets.generate();
            app.setClientSecretHash(secret.stored().hash());
            app.touch(clock.instant());
            return new Change<>(new AppSaved(app, Optional.of(secret.secret())), null);
        });
    }

    /**
     * Gives a {@code client_secret} app a secret chosen elsewhere (an app moved from another portal, the demo app),
     * instead of a generated one. The secret is hashed like a generated one; it must have at least 32 characters.
     */
    public RegisteredApp useGivenSecret(String id, String secret) {
        return audited(AuditAction.APP_SECRET_REGENERATED, "app:" + AppRules.normalizeId(id), () -> {
            RegisteredApp app = getById(id);
            if (app.getClientAuthentication() != ClientAuthentication.CLIENT_SECRET) {
                throw new AppRejectedException.NoClientSecret(app.getId());
            }
            if (secret == null || secret.length() < ClientSecret.MIN_SECRET_LENGTH || secret.length() > 256) {
                throw new AppRejectedException.InvalidApp(List.of(FieldMessage.of("clientSecret",
                        "problem.app.client-secret.length", String.valueOf(ClientSecret.MIN_SECRET_LENGTH), "256")));
            }
            app.setClientSecretHash(secrets.hash(secret).hash());
            app.touch(clock.instant());
            return new Change<>(app, "set to a given secret");
        });
    }

    /**
     * Deletes an app; it also leaves the token exchange policies of other apps.
     *
     * @throws AppRejectedException.AppInUse while link routes lead into the app (their links would break silently)
     */
    public void delete(String id) {
        audited(AuditAction.APP_DELETED, "app:" + AppRules.normalizeId(id), () -> {
            RegisteredApp app = getById(id);
            List<String> routes = em.createQuery("select r.name from StoredRoute r where r.appId = :app order by r.name",
                    String.class).setParameter("app", app.getId()).getResultList();
            if (!routes.isEmpty()) {
                throw new AppRejectedException.AppInUse(app.getId(), routes);
            }
            String audience = app.getAudience();
            em.createNativeQuery("delete from portico_app_exchange where target_app_id = ?1")
                    .setParameter(1, app.getId()).executeUpdate();
            em.remove(app);
            return new Change<>(Boolean.TRUE, "audience " + audience);
        });
    }

    /** Writes the checked values; generates a secret when the app needs one and has none. */
    private Optional<String> apply(RegisteredApp app, AppRules.Checked checked, Set<RegisteredApp> targets) {
        app.setName(checked.name());
        app.setDescription(checked.description());
        app.setAudience(checked.audience());
        app.setBaseUrls(checked.baseUrls().stream().map(AppBaseUrl::toString).toList());
        app.setClaims(checked.claims());
        app.setTokenLifetimeSeconds(checked.tokenLifetimeSeconds());
        app.setExchangeTargets(targets);
        app.setTrustedForSignOn(checked.trustedForSignOn());
        if (checked.signOnRoles() != null) {
            app.setSignOnRoles(checked.signOnRoles());
        }
        app.setEnabled(checked.enabled());
        app.setMayBeFramed(checked.mayBeFramed());
        app.setSandboxFlags(checked.sandbox());
        app.setProxied(checked.proxied());
        app.setUpstreamUrl(checked.upstreamUrl());
        app.setJwksUrl(checked.jwksUrl());
        app.setAllowInternalJwksHost(checked.allowInternalJwksHost());
        boolean needsSecret = checked.clientAuthentication() == ClientAuthentication.CLIENT_SECRET
                && app.getClientAuthentication() != ClientAuthentication.CLIENT_SECRET;
        app.setClientAuthentication(checked.clientAuthentication());
        if (checked.clientAuthentication() == ClientAuthentication.PRIVATE_KEY_JWT) {
            app.setClientSecretHash(null);
        }
        if (needsSecret) {
            ClientSecret.Generated secret = secrets.generate();
            app.setClientSecretHash(secret.stored().hash());
            return Optional.of(secret.secret());
        }
        return Optional.empty();
    }

    /** Resolves the exchange audiences to apps; throws with every field error, those of the rules and these. */
    private Set<RegisteredApp> requireValid(AppRules.Checked checked, String selfId) {
        List<FieldMessage> errors = new ArrayList<>(checked.errors());
        Set<RegisteredApp> targets = new HashSet<>();
        for (String audience : checked.exchangeAudiences()) {
            Optional<RegisteredApp> target = findByAudience(audience);
            if (target.isEmpty() || target.get().getId().equals(selfId)) {
                errors.add(FieldMessage.of("exchangeAudiences", "problem.app.exchange-audiences.unknown",
                        AppRules.printable(audience)));
            } else {
                targets.add(target.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new AppRejectedException.InvalidApp(errors);
        }
        return targets;
    }

    private void requireFreeAudience(String audience, String selfId) {
        findByAudience(audience).filter(other -> !other.getId().equals(selfId)).ifPresent(other -> {
            throw new AppRejectedException.AudienceTaken(audience, other.getId());
        });
    }

    /** What an app looks like to the audit log's "changed: …" detail. Never the secret hash. */
    private static Map<String, Object> describe(RegisteredApp app) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", app.getName());
        fields.put("description", app.getDescription());
        fields.put("audience", app.getAudience());
        fields.put("base URLs", app.getBaseUrls());
        fields.put("claims", app.getClaims());
        fields.put("token lifetime", app.getTokenLifetimeSeconds());
        fields.put("client authentication", app.getClientAuthentication());
        fields.put("JWKS URL", app.getJwksUrl());
        fields.put("internal JWKS host allowed", app.isAllowInternalJwksHost());
        fields.put("exchange audiences", app.getExchangeAudiences());
        fields.put("trusted for sign-on", app.isTrustedForSignOn());
        fields.put("sign-on roles", names(app.getSignOnRoles()));
        fields.put("may be framed", app.isMayBeFramed());
        fields.put("sandbox", app.getSandbox());
        fields.put("proxied", app.isProxied());
        fields.put("upstream URL", app.getUpstreamUrl());
        fields.put("enabled", app.isEnabled());
        return fields;
    }

    private record Change<T>(T result, String detail) {
    }

    /**
     * Runs a change, flushes it (so that constraint and version conflicts show here, not at commit) and audits it:
     * SUCCESS with the change's detail, or REFUSED with the refusal's message. A change done is announced
     * ({@link AppsChanged}), so that the cached registrations are forgotten once it is committed.
     */
    private <T> T audited(AuditAction action, String target, Supplier<Change<T>> change) {
        try {
            Change<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            changed.fire(new AppsChanged(target.substring("app:".length())));
            markers.bump(Topics.APPS); // other nodes forget their apps when this commits
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new AppRejectedException.StaleApp(target.substring("app:".length()));
        } catch (AppRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}

package org.portico.web.user;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.portico.web.database.ContainsSearch;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;

/**
 * The built-in user store: lookup, search, creation and the admin changes (enable, roles, password).
 * Every change that could lock everybody out (disabling or demoting the last enabled site admin) is refused.
 * Every change, done or refused, goes to the {@link AuditLog} with the acting user of the current request.
 */
@ApplicationScoped
@Transactional
public class UserService {

    /** The fields the admin list's search box looks in. */
    private static final String[] SEARCHED = {"u.username", "u.displayName", "u.email"};

    private static ContainsSearch search(String query) {
        return new ContainsSearch(query);
    }

    /** Columns the admin list may be sorted by, mapped to JPQL paths; anything else sorts by username. */
    private static final java.util.Map<String, String> SORTABLE = java.util.Map.of(
            "username", "u.username",
            "displayName", "u.displayName",
            "email", "u.email",
            "enabled", "u.enabled",
            "createdAt", "u.createdAt");

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public Optional<UserAccount> findByUsername(String username) {
        return em.createQuery("select u from UserAccount u where u.username = :username", UserAccount.class)
                .setParameter("username", Usernames.normalize(username))
                .getResultStream()
                .findFirst();
    }

    public UserAccount getById(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id))
                .orElseThrow(() -> new UserRejectedException.UserNotFound(id));
    }

    /**
     * Checks a username and password against the store.
     *
     * @return the user when the password matches and the user is enabled; empty otherwise (the caller
     *         can't tell which, on purpose). Takes as long for an unknown username as for a known one.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserAccount> authenticate(String username, String password) {
        if (password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<UserAccount> user = findByUsername(username);
        if (user.isEmpty()) {
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        if (user.get().getPasswordHash() == null) {
            // Logs in through an OpenID provider only: no password can match, and the answer takes as long.
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        return user.filter(account -> hasher.verify(password, account.getPasswordHash()))
                .filter(UserAccount::isEnabled);
    }

    /** One page of users whose username, name or e-mail contains the query (case-insensitive). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserAccount> search(String query, int first, int pageSize, String sortField, boolean ascending) {
        String orderBy = SORTABLE.getOrDefault(sortField, "u.username") + (ascending ? " asc" : " desc");
        TypedQuery<UserAccount> search = em.createQuery(
                "select u from UserAccount u" + search(query).where(SEARCHED) + " order by " + orderBy + ", u.id", UserAccount.class);
        search(query).bind(search);
        return search.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, pageSize)).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(String query) {
        TypedQuery<Long> count = em.createQuery("select count(u) from UserAccount u" + search(query).where(SEARCHED), Long.class);
        search(query).bind(count);
        return count.getSingleResult();
    }



    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Creates an enabled user.
     *
     * @throws UserRejectedException if the username is invalid or taken, or the password too weak
     */
    public UserAccount create(String username, String displayName, String email, String password, Set<Role> roles) {
        return audited(AuditAction.USER_CREATED, "user:" + Usernames.normalize(username), () -> {
            String name = Usernames.require(username);
            PasswordPolicy.check(name, password);
            if (findByUsername(name).isPresent()) {
                throw new UserRejectedException.UsernameTaken(name);
            }
            UserAccount user = new UserAccount(name, requireDisplayName(displayName), blankToNull(email),
                    hasher.hash(password), roles, clock.instant());
            em.persist(user);
            return new Change(user, "roles: " + roleNames(user.getRoles()));
        });
    }

    public UserAccount updateProfile(long id, String displayName, String email) {
        return audited(AuditAction.USER_UPDATED, target(id), () -> {
            UserAccount user = getById(id);
            String newName = requireDisplayName(displayName);
            String newEmail = blankToNull(email);
            List<String> changed = new java.util.ArrayList<>();
            if (!newName.equals(user.getDisplayName())) {
                changed.add("name");
            }
            if (!java.util.Objects.equals(newEmail, user.getEmail())) {
                changed.add("e-mail");
            }
            user.setDisplayName(newName);
            user.setEmail(newEmail);
            user.touch(clock.instant());
            return new Change(user, changed.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", changed));
        });
    }

    /** Enables or disables a user; a disabled user can't log in. */
    public UserAccount setEnabled(long id, boolean enabled) {
        return audited(enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, target(id), () -> {
            UserAccount user = getById(id);
            if (!enabled && user.isEnabled() && user.getRoles().contains(Role.SITE_ADMIN)) {
                requireAnotherEnabledSiteAdmin(user);
            }
            user.setEnabled(enabled);
            user.touch(clock.instant());
            return new Change(user, null);
        });
    }

    /** Sets the roles; audited as ROLES_CHANGED only when they differ from the current ones. */
    public UserAccount setRoles(long id, Set<Role> roles) {
        Set<Role> newRoles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        UserAccount current = em.find(UserAccount.class, id);
        if (current != null && current.getRoles().equals(newRoles)) {
            return current;
        }
        return audited(AuditAction.ROLES_CHANGED, target(id), () -> {
            UserAccount user = getById(id);
            String before = roleNames(user.getRoles());
            if (user.isEnabled() && user.getRoles().contains(Role.SITE_ADMIN) && !newRoles.contains(Role.SITE_ADMIN)) {
                requireAnotherEnabledSiteAdmin(user);
            }
            user.setRoles(newRoles);
            user.touch(clock.instant());
            return new Change(user, before + " -> " + roleNames(newRoles));
        });
    }

    public UserAccount resetPassword(long id, String newPassword) {
        return audited(AuditAction.PASSWORD_RESET, target(id), () -> {
            UserAccount user = getById(id);
            PasswordPolicy.check(user.getUsername(), newPassword);
            user.setPasswordHash(hasher.hash(newPassword));
            user.touch(clock.instant());
            return new Change(user, null);
        });
    }

    private record Change(UserAccount user, String detail) {
    }

    /**
     * Runs a change, flushes it (constraint and version conflicts show here, not at commit) and audits it: SUCCESS
     * with the change's detail, or REFUSED with the refusal's message (never a password: the policy's messages
     * don't quote it).
     */
    private UserAccount audited(AuditAction action, String target, Supplier<Change> change) {
        try {
            Change done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            return done.user();
        } catch (UserRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }

    /** The audit target of a user by id: {@code user:alice}, or {@code user:#42} when there is no such user. */
    private String target(long id) {
        UserAccount user = em.find(UserAccount.class, id);
        return "user:" + (user == null ? "#" + id : user.getUsername());
    }

    private static String roleNames(Set<Role> roles) {
        return roles.isEmpty() ? "none" : roles.stream().sorted().map(Role::roleName).collect(Collectors.joining(", "));
    }

    private void requireAnotherEnabledSiteAdmin(UserAccount user) {
        long others = em.createQuery("select count(u) from UserAccount u join u.roles r"
                        + " where r = :role and u.enabled = true and u.id <> :id", Long.class)
                .setParameter("role", Role.SITE_ADMIN)
                .setParameter("id", user.getId())
                .getSingleResult();
        if (others == 0) {
            throw new UserRejectedException.LastSiteAdmin();
        }
    }

    private static String requireDisplayName(String displayName) {
        if (isBlank(displayName) || displayName.strip().length() > 100) {
            throw new UserRejectedException.InvalidUser("problem.user.name.length");
        }
        return displayName.strip();
    }

    private static String blankToNull(String email) {
        if (isBlank(email)) {
            return null;
        }
        String trimmed = email.strip();
        if (trimmed.length() > 254 || !trimmed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new UserRejectedException.InvalidUser("problem.user.email.invalid");
        }
        return trimmed;
    }
}

package org.portico.web.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;


/**
 * Users who log in through an OpenID provider, provisioned just in time: the first login creates a user without a
 * password and links it to the provider's issuer + subject; later logins find the user by that link and refresh name,
 * e-mail and roles from the provider, which owns them (a role changed in Portico's admin screen lasts until the next
 * login). A disabled user stays disabled: the provider cannot re-enable anyone.
 * <p>
 * The username is the provider's preferred username when it is a valid Portico username and still free; otherwise
 * (a local user, or another provider's user, has it) a suffix derived from issuer and subject makes it unique and
 * stable, e.g. {@code alice-3f9a2c}. So a provider account called "alice" never becomes the local "alice".
 */
@ApplicationScoped
@Transactional
public class ExternalAccounts {

    private static final Logger LOG = Logger.getLogger(ExternalAccounts.class.getName());

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Finds or creates the user for this identity and brings it up to date.
     *
     * @return the user, or empty if the user is disabled in Portico
     */
    public Optional<UserAccount> signIn(ExternalIdentity identity) {
        Optional<OidcLink> link = findLink(identity.issuer(), identity.subject());
        UserAccount user = link.map(OidcLink::getUser).orElseGet(() -> create(identity));
        link.ifPresent(existing -> existing.loggedIn(clock.instant()));
        if (!user.isEnabled()) {
            return Optional.empty();
        }
        user.setDisplayName(identity.displayName());
        user.setEmail(identity.email());
        user.setRoles(identity.roles());
        user.touch(clock.instant());
        return Optional.of(user);
    }

    public Optional<OidcLink> findLink(String issuer, String subject) {
        return em.createQuery("select l from OidcLink l where l.issuer = :issuer and l.subject = :subject", OidcLink.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    private UserAccount create(ExternalIdentity identity) {
        String username = freeUsername(identity);
        UserAccount user = new UserAccount(username, identity.displayName(), identity.email(), null, identity.roles(),
                clock.instant());
        em.persist(user);
        em.persist(new OidcLink(identity.issuer(), identity.subject(), user, clock.instant()));
        LOG.info(() -> "Created user '" + username + "' for " + identity.subject() + " at " + identity.issuer()
                + " with roles " + identity.roles());
        return user;
    }

    private String freeUsername(ExternalIdentity identity) {
        String base = usernameBase(identity.preferredUsername());
        String suffix = fingerprint(identity.issuer() + " " + identity.subject());
        List<String> candidates = List.of(base, trim(base, 57) + "-" + suffix.substring(0, 6),
                trim(base, 47) + "-" + suffix.substring(0, 16));
        return candidates.stream()
                .filter(name -> em.createQuery("select count(u) from UserAccount u where u.username = :name", Long.class)
                        .setParameter("name", name).getSingleResult() == 0)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No free username for " + identity.subject()));
    }

    /** The preferred username made valid: lower case, invalid characters replaced by '-', at most 64 characters. */
    static String usernameBase(String preferred) {
        String cleaned = preferred == null ? "" : preferred.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-")
                .replaceAll("^[._-]+", "");
        cleaned = trim(cleaned, 64);
        return cleaned.length() >= 2 ? cleaned : "user";
    }

    private static String trim(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String fingerprint(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

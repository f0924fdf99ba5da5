package org.portico.web.security;

import org.portico.web.user.Role;

import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.transaction.Transactional;

import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

/**
 * Validates a {@link SignedLinkCredential}: the user named by the trusted app must exist in Portico's own store, be
 * enabled and be a local user — never a user created for an OpenID provider's account, whose identity only that
 * provider may vouch for. Hands the user's roles to Jakarta Security like the form login does. Other credentials are
 * not this store's business. A credential is checked once: link following asks before the mechanism does.
 */
@ApplicationScoped
public class SignedLinkIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(SignedLinkIdentityStore.class.getName());

    @Inject
    UserService users;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof SignedLinkCredential signed)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (signed.validation() == null) {
            signed.validation(check(signed));
        }
        return signed.validation();
    }

    private CredentialValidationResult check(SignedLinkCredential signed) {
        String app = signed.link().app().id();
        String subject = signed.link().subject();
        UserAccount user = users.findByUsername(subject).filter(UserAccount::isEnabled).orElse(null);
        if (user == null || !user.getUsername().equals(subject) || linkedToProvider(user)) {
            LOG.info(() -> "Signed link from app '" + app + "' names no enabled local user; no sign-on");
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> roles = user.getRoles().stream().map(Role::roleName).collect(Collectors.toUnmodifiableSet());
        return new CredentialValidationResult(user.getUsername(), roles);
    }

    private boolean linkedToProvider(UserAccount user) {
        return em.createQuery("select count(l) from OidcLink l where l.user.id = :id", Long.class)
                .setParameter("id", user.getId()).getSingleResult() > 0;
    }
}

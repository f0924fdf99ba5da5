package org.portico.web.link;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.portico.deeplink.link.InboundLink;
import org.portico.deeplink.link.SignOnUsers;
import org.portico.deeplink.token.UserIdentity;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.metrics.PorticoMetrics;
import org.portico.web.security.SignedLinkCredential;
import org.portico.web.security.SignedLinkIdentityStore;

/**
 * The users that sign-on links may name, for {@link org.portico.deeplink.link.LinkResolver}: asks
 * {@link SignedLinkIdentityStore} — the store the login itself goes through — without logging anybody in, and describes
 * the user with exactly the roles that store would grant. No session is touched. A link naming nobody the store
 * accepts is audited as a refused login.
 */
@ApplicationScoped
public class LinkSignOnUsers implements SignOnUsers {

    @Inject
    SignedLinkIdentityStore store;

    @Inject
    LinkUsers users;

    @Inject
    AuditLog audit;

    @Inject
    PorticoMetrics metrics;

    @Override
    public Optional<UserIdentity> find(InboundLink link) {
        CredentialValidationResult result = store.validate(new SignedLinkCredential(link));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            audit.recordAs(null, AuditAction.LOGIN_FAILED, "user:" + link.subject(), AuditOutcome.REFUSED,
                    "signed link from app " + link.app().id() + ": no enabled local user");
            metrics.login("signed_link", "no_user");
            return Optional.empty();
        }
        return Optional.of(users.identity(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }
}

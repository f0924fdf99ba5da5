package org.portico.web.security;

import java.util.Objects;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.portico.deeplink.link.InboundLink;
import org.portico.deeplink.token.UserIdentity;

/**
 * A credential that only link following creates: an inbound link whose signature verified, from an app marked
 * trusted for sign-on, naming the user in its {@code sub}. {@link SignedLinkIdentityStore} accepts it for an
 * existing, enabled local user.
 */
public final class SignedLinkCredential implements Credential {

    private final InboundLink link;

    /**
     * What {@link SignedLinkIdentityStore} answered for this credential: link following asks the store before the
     * authentication mechanism does, and within that one sign-on the answer is the same.
     */
    private CredentialValidationResult validation;

    public SignedLinkCredential(InboundLink link) {
        this.link = Objects.requireNonNull(link, "link");
        if (!link.mayLogIn()) {
            throw new IllegalArgumentException("app '" + link.app().id() + "' is not trusted for sign-on");
        }
    }

    /**
     * The credential of a sign-on that link following already decided: {@code user} is what
     * {@link SignedLinkIdentityStore} answered for this link (through {@code SignOnUsers}) and what the link was
     * decided for, so the store hands exactly that identity and those roles to the container instead of reading the
     * user again — the roles checked against the app's sign-on roles are the roles the session gets.
     */
    public static SignedLinkCredential decided(InboundLink link, UserIdentity user) {
        SignedLinkCredential credential = new SignedLinkCredential(link);
        if (!user.username().equals(link.subject())) {
            throw new IllegalArgumentException("the link names '" + link.subject() + "', not '" + user.username() + "'");
        }
        credential.validation(new CredentialValidationResult(user.username(), user.roles()));
        return credential;
    }

    public InboundLink link() {
        return link;
    }

    CredentialValidationResult validation() {
        return validation;
    }

    void validation(CredentialValidationResult validation) {
        this.validation = validation;
    }

    @Override
    public String toString() {
        return "SignedLinkCredential[app=" + link.app().id() + ", sub=" + link.subject() + "]";
    }
}

package org.portico.web.security;

import java.util.Objects;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.portico.deeplink.link.InboundLink;

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

package org.portico.web.security.oidc;

import java.net.URI;

import jakarta.security.enterprise.credential.Credential;

/**
 * The provider's answer to one login: an authorization code and the {@link PendingLogin} it belongs to. Handed to
 * Jakarta Security by the callback ({@code SecurityContext#authenticate}) like a username and password, so that
 * the same authentication mechanism, {@code LoginToContinue} included, serves both kinds of login; the
 * {@link OidcIdentityStore} validates it by redeeming the code. One per request, not thread-safe: the identity
 * store records here why it refused the credential, for the login page's message.
 */
public final class OidcCredential implements Credential {

    private final String code;
    private final PendingLogin login;
    private final URI redirectUri;
    private OidcFailure failure = OidcFailure.FAILED;

    public OidcCredential(String code, PendingLogin login, URI redirectUri) {
        this.code = code;
        this.login = login;
        this.redirectUri = redirectUri;
    }

    public String code() {
        return code;
    }

    public PendingLogin login() {
        return login;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    public OidcFailure failure() {
        return failure;
    }

    void refused(OidcFailure reason) {
        this.failure = reason;
    }

    @Override
    public String toString() {
        return "OidcCredential[code=(hidden), state=" + login.state() + "]";
    }
}

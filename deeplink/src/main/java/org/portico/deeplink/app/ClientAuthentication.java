package org.portico.deeplink.app;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How an app authenticates itself at Portico's token endpoint: {@link ClientSecret} (client_secret_basic or
 * client_secret_post) or {@link PrivateKeyJwt} (RFC 7523 assertion signed with a key from the app's JWKS).
 *
 * <p>Implementations are immutable values.
 */
public sealed interface ClientAuthentication permits ClientSecret, ClientAuthentication.PrivateKeyJwt {

    /** The OAuth {@code token_endpoint_auth_method} names this method allows. */
    java.util.Set<String> methodNames();

    /**
     * private_key_jwt: the app signs a short-lived assertion with a private key whose public half is published at
     * {@code jwksUri}.
     *
     * @param jwksUri             an https URL, or http on a loopback host for development
     * @param internalHostAllowed whether the admin explicitly allowed the JWKS on an internal host (loopback, private
     *                            network, link-local…); otherwise such a host is refused when the keys are fetched
     *                            (see {@link org.portico.deeplink.oauth.JwksRetriever})
     */
    record PrivateKeyJwt(URI jwksUri, boolean internalHostAllowed) implements ClientAuthentication {

        /** @throws IllegalArgumentException when the URL is not https (http only for localhost/127.0.0.1/[::1]) */
        public PrivateKeyJwt {
            Objects.requireNonNull(jwksUri, "jwksUri");
            String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
            String host = jwksUri.getHost() == null ? "" : jwksUri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!jwksUri.isAbsolute() || host.isEmpty() || jwksUri.getRawUserInfo() != null
                    || jwksUri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                throw new IllegalArgumentException("JWKS URL must be an https URL without user information or fragment"
                        + " (http only on localhost), e.g. 'https://billing.example/.well-known/jwks.json'");
            }
        }

        /** A JWKS that must be on a public host. */
        public PrivateKeyJwt(URI jwksUri) {
            this(jwksUri, false);
        }

        @Override
        public java.util.Set<String> methodNames() {
            return java.util.Set.of("private_key_jwt");
        }
    }
}

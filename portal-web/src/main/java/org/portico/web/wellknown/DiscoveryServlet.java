package org.portico.web.wellknown;

import static org.portico.web.json.Jsons.JSON;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.web.settings.PorticoIssuer;

/**
 * {@code GET /.well-known/openid-configuration} (and its RFC 8414 twin {@code oauth-authorization-server}):
 * Portico described as a token issuer — where its keys are, where tokens are exchanged and introspected, which
 * grants, client authentications and algorithms it supports.
 */
@WebServlet(urlPatterns = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
public class DiscoveryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    @Inject
    transient PorticoIssuer issuer;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var algorithms = JSON.createArrayBuilder();
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            algorithms.add(algorithm.jwsAlgorithm().getName());
        }
        String document = JSON.createObjectBuilder()
                .add("issuer", issuer.url())
                .add("jwks_uri", issuer.resolve("/.well-known/jwks.json"))
                .add("token_endpoint", issuer.resolve("/oauth2/token"))
                .add("introspection_endpoint", issuer.resolve("/oauth2/introspect"))
                .add("grant_types_supported", JSON.createArrayBuilder().add(TOKEN_EXCHANGE))
                .add("token_endpoint_auth_methods_supported",
                        JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("private_key_jwt"))
                .add("token_endpoint_auth_signing_alg_values_supported",
                        JSON.createArrayBuilder().add("RS256").add("PS256").add("ES256"))
                .add("introspection_endpoint_auth_methods_supported",
                        JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("private_key_jwt"))
                .add("access_token_signing_alg_values_supported", algorithms)
                .add("response_types_supported", JSON.createArrayBuilder())
                .add("subject_types_supported", JSON.createArrayBuilder().add("public"))
                .build().toString();
        WellKnown.json(response, document, "application/json", "public, max-age=3600");
    }
}

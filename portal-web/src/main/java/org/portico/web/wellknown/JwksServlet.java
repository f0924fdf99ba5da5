package org.portico.web.wellknown;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.keys.SigningKeys;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify Portico's tokens — the active key and the retired
 * ones whose tokens may still be alive. Never a private member. Cached for five minutes: a verifier that meets an
 * unknown {@code kid} after a rotation fetches the set again (JOSE libraries do this by themselves).
 */
@WebServlet(urlPatterns = "/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60";

    @Inject
    transient SigningKeys keys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WellKnown.json(response, keys.publicJwkSet().toString(), "application/jwk-set+json", CACHE_CONTROL);
    }
}

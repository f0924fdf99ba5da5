package org.portico.demoapp.verify;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * What Portico's discovery document ({@code /.well-known/openid-configuration}) tells an app: the issuer its tokens
 * name and where its public keys are. Reading both from Portico, instead of configuring them, keeps the app right
 * when Portico's public URL changes.
 *
 * @param issuer  {@code issuer}: the exact {@code iss} of Portico's tokens
 * @param jwksUri {@code jwks_uri}: Portico's JWKS, an absolute http(s) URL (a URI: {@code URL.equals} would ask DNS)
 */
public record PorticoDiscovery(String issuer, URI jwksUri) {

    /** Where the discovery document is, below Portico's base URL. */
    public static final String PATH = "/.well-known/openid-configuration";

    public PorticoDiscovery {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
    }

    /**
     * Fetches and reads the discovery document of the Portico at {@code porticoUrl}.
     *
     * @param porticoUrl Portico's base URL, e.g. {@code http://127.0.0.1:8080}
     * @throws PorticoUnavailableException when it cannot be fetched, is no JSON object, or lacks a usable
     *                                     {@code issuer} or {@code jwks_uri}
     */
    public static PorticoDiscovery fetch(URI porticoUrl, ResourceRetriever http) {
        String location = porticoUrl.toString().replaceAll("/+$", "") + PATH;
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(http.retrieveResource(URI.create(location).toURL()).getContent());
        } catch (IOException e) {
            throw unavailable(location, "it could not be fetched: " + PorticoUnavailableException.describe(e), e);
        } catch (ParseException e) {
            throw unavailable(location, "it is not a JSON object", e);
        }
        String issuer;
        String jwksUri;
        try {
            issuer = JSONObjectUtils.getString(document, "issuer");
            jwksUri = JSONObjectUtils.getString(document, "jwks_uri");
        } catch (ParseException e) {
            throw unavailable(location, "'issuer' and 'jwks_uri' must be strings", e);
        }
        if (issuer == null || issuer.isBlank()) {
            throw unavailable(location, "it names no 'issuer'", null);
        }
        try {
            URI jwks = URI.create(jwksUri);
            if (!"http".equals(jwks.getScheme()) && !"https".equals(jwks.getScheme()) || jwks.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return new PorticoDiscovery(issuer, jwks);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw unavailable(location, "its 'jwks_uri' must be an http(s) URL, got '" + jwksUri + "'", e);
        }
    }

    private static PorticoUnavailableException unavailable(String location, String problem, Exception cause) {
        return new PorticoUnavailableException("Could not read Portico's discovery document at " + location + ": "
                + problem + ". Is Portico running there? If it runs elsewhere, set demo-app.portico-url (environment"
                + " variable DEMO_APP_PORTICO_URL) to its base URL, such as http://localhost:8080.", cause);
    }
}

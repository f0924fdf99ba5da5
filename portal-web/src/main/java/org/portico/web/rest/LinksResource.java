package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.OAuthForms;
import org.portico.deeplink.oauth.OAuthException;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.link.OutboundLinks;
import org.portico.web.security.CurrentUser;

/**
 * {@code POST /api/links}: the URL of a link to a route, with a freshly minted ticket for a one-time route — for mails
 * and other apps. Body: {@code {"route": "welcome-offer", "params": {"id": "42"} | ["42"], "username": "alice",
 * "lifetimeSeconds": 86400}} ({@code params}, {@code username} (who alone may redeem the ticket) and
 * {@code lifetimeSeconds} are optional). Answer 201: {@code {"url", "path", "route", "oneTime", "ticket",
 * "expiresAt"}}.
 * <p>
 * Who may ask: a site admin's session (any route), or a registered app authenticating like at {@code /oauth2/token}
 * with its client credentials ({@code Authorization: Basic}), for routes into that app only. 401 otherwise, 403 for
 * another app's route, 404 for an unknown route, 400 with the parameter named for a bad value.
 */
@Path("links")
@RequestScoped
public class LinksResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    ClientAuthenticator clients;

    @Inject
    OutboundLinks links;

    @Inject
    PorticoIssuer issuer;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response mint(@HeaderParam("Authorization") String authorization, InputStream request) {
        AppRegistration app = caller(authorization, servletRequest.getQueryString(), servletRequest.getRemoteAddr());
        // Read like the routes API: malformed, empty or oversized bodies get 400/413, never the reader's 500.
        JsonValue value = RoutesResource.read(request, "the link request");
        JsonObject body = value instanceof JsonObject object ? object : null;
        if (body == null || !(body.get("route") instanceof JsonString route)) {
            throw new ApiProblemException(400, "Name the route: {\"route\": \"invoice\", \"params\": {\"id\": \"42\"}}.");
        }
        LinkRoute target = links.find(route.getString())
                .orElseThrow(() -> new ApiProblemException(404, "There is no route with this name."));
        if (app != null && !target.appId().map(app.id()::equals).orElse(false)) {
            throw new ApiProblemException(403, "An app may only create links to routes into itself.");
        }
        String username = body.get("username") instanceof JsonString user ? user.getString() : null;
        Duration lifetime = body.containsKey("lifetimeSeconds") && body.get("lifetimeSeconds").getValueType()
                == JsonValue.ValueType.NUMBER ? Duration.ofSeconds(body.getJsonNumber("lifetimeSeconds").longValue())
                : null;
        if (lifetime != null && (lifetime.toSeconds() < 60 || lifetime.compareTo(Duration.ofDays(90)) > 0)) {
            throw new ApiProblemException(400, "lifetimeSeconds must be between 60 and 7776000 (90 days).");
        }
        OutboundLinks.Built built;
        try {
            built = links.build(target.name(), params(body.get("params")), username, lifetime);
        } catch (IllegalArgumentException e) {
            // InvalidParameterException for a value, or too many positional values for the route.
            throw new ApiProblemException(400, e.getMessage() + ".");
        }
        String url = issuer.resolve(built.path());
        JsonObjectBuilder answer = JSON.createObjectBuilder()
                .add("url", url)
                .add("path", built.path())
                .add("route", target.name())
                .add("oneTime", target.oneTime());
        if (built.ticket() != null) {
            answer.add("ticket", built.ticket()).add("expiresAt", built.expiresAt().toString());
        }
        return Response.created(URI.create(url)).entity(answer.build().toString())
                .header("Cache-Control", "no-store").build();
    }

    /**
     * The authenticated app, or null for a site admin's session. Credentials only in the {@code Authorization} header:
     * any in the URL query are refused (400), like at the token endpoint. Failed client authentications are throttled
     * like there too (429 with {@code Retry-After}).
     */
    private AppRegistration caller(String authorization, String query, String address) {
        try {
            OAuthForms.refuseCredentialsInQuery(query);
        } catch (OAuthException e) {
            throw new ApiProblemException(400, "Send client credentials in the Authorization header (HTTP Basic),"
                    + " never in the URL.");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                return clients.authenticate(authorization, Map.of(), address);
            } catch (OAuthException e) {
                if (e.retryAfter().isPresent()) {
                    throw new ApiProblemException(Response.status(429)
                            .header("Retry-After", e.retryAfter().get().toSeconds()).build(),
                            "Too many failed client authentications; try again in " + e.retryAfter().get().toSeconds()
                                    + " seconds.");
                }
                throw new ApiProblemException(401, "The app's client credentials were not accepted.");
            }
        }
        if (!currentUser.isLoggedIn()) {
            throw new ApiProblemException(401, "Log in to Portico as a site admin, or authenticate as an app with"
                    + " its client credentials (HTTP Basic).");
        }
        if (!currentUser.isSiteAdmin()) {
            throw new ApiProblemException(403, "Only site admins and apps may create links.");
        }
        return null;
    }

    private static Object params(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonObject object) {
            Map<String, String> named = new LinkedHashMap<>();
            object.forEach((name, v) -> named.put(name, text(name, v)));
            return named;
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray().stream().map(v -> text("params", v)).toList();
        }
        return text("params", value);
    }

    private static String text(String name, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> throw new ApiProblemException(400, "'" + name + "' must be a string or a number.");
        };
    }
}

package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;
import org.portico.web.security.SessionIds;

/**
 * {@code GET /api/token?audience=…}: an RFC 9068 access token for the logged-in user, scoped to one registered app,
 * for single-page apps running in the portal. Carries only the user claims that app may receive; never cached.
 */
@Path("token")
@RequestScoped
@RolesAllowed(Role.Names.ANY_USER)
public class TokenResource {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    @Inject
    CurrentUser currentUser;

    @Inject
    AppDirectory apps;

    @Inject
    AccessTokenIssuer issuer;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@QueryParam("audience") String audience) {
        if (audience == null || audience.isBlank()) {
            throw new ApiProblemException(400, "Name the app: ?audience= followed by its registered audience.");
        }
        AppRegistration app = apps.findByAudience(audience)
                .orElseThrow(() -> new ApiProblemException(403, "No app you may reach has this audience."));
        AccessToken token = issuer.issue(currentUser.identity(), app, app.id(), SessionIds.sid(request.getSession()));
        String body = JSON.createObjectBuilder()
                .add("access_token", token.value())
                .add("token_type", "Bearer")
                .add("expires_in", token.expiresIn())
                .add("issued_token_type", ACCESS_TOKEN_TYPE)
                .build().toString();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}

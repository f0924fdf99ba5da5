package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.web.page.Pages;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.pane.PaneFrame;
import org.portico.web.pane.PaneType;
import org.portico.web.security.CurrentUser;
import org.portico.web.security.SessionIds;
import org.portico.web.user.Role;

/**
 * {@code POST /api/panes/{widgetId}/token}: the token an embedded app pane hands to its frame (the parent side of the
 * pane handshake, {@code js/pane.js}). Over the session cookie, so {@link SameOriginFilter}'s Origin rule applies; no
 * body. The widget must be an app pane on a page the user may see, whose app may still be framed; anything else —
 * unknown, invisible to the user, another kind, an app disabled or no longer frameable — is the same 404, so nobody
 * learns which widgets exist. The answer is an RFC 9068 access token for the pane's app, minted as
 * {@link TokenResource} does, {@code {"access_token", "token_type": "Bearer", "expires_in", "audience"}}, never
 * cached. The token is never logged and never put in a URL.
 */
@Path("panes")
@RequestScoped
@RolesAllowed(Role.Names.ANY_USER)
public class PaneTokenResource {

    static final String NOT_FOUND = "There is no embedded app pane with this id that you may see.";

    @Inject
    Pages pages;

    @Inject
    Viewer viewer;

    @Inject
    PaneType panes;

    @Inject
    AppDirectory apps;

    @Inject
    CurrentUser currentUser;

    @Inject
    AccessTokenIssuer issuer;

    @Context
    HttpServletRequest request;

    @POST
    @Path("{widgetId}/token")
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("widgetId") String widgetId) {
        if (widgetId == null || !widgetId.matches(Widget.ID_PATTERN)) {
            throw new ApiProblemException(404, NOT_FOUND);
        }
        PaneFrame pane = pages.visibleWidget(widgetId, viewer.roles())
                .filter(widget -> widget.kind() == WidgetKind.APP_PANE)
                .flatMap(widget -> panes.frame(widget.settings()))
                .orElseThrow(() -> new ApiProblemException(404, NOT_FOUND));
        AppRegistration app = apps.findById(pane.appId())
                .orElseThrow(() -> new ApiProblemException(404, NOT_FOUND));
        AccessToken token = issuer.issue(currentUser.identity(), app, app.id(), SessionIds.sid(request.getSession()));
        String body = JSON.createObjectBuilder()
                .add("access_token", token.value())
                .add("token_type", "Bearer")
                .add("expires_in", token.expiresIn())
                .add("audience", app.audience())
                .build().toString();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}

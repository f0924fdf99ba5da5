package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.web.i18n.Dates;
import org.portico.web.language.LanguageChoice;
import org.portico.web.page.Pages;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.security.CurrentUser;
import org.portico.web.security.SessionIds;
import org.portico.web.tile.DataTileBodies;
import org.portico.web.user.Role;

/**
 * {@code GET /api/tiles/{widgetId}}: what a data tile shows the logged-in user, for {@code js/tile.js}, which asks
 * after the page has loaded so that no page waits for an app. The widget must be a data tile on a page the user may
 * see; anything else — unknown, invisible to the user, another kind, no longer available — is the same 404, so nobody
 * learns which widgets exist. A GET that changes nothing (the app's answer is cached, see {@code tile.DataTiles}), so
 * no Origin check; never cached by the browser or a proxy, as it is the user's own.
 *
 * <p>The answer: {@code {"state": "items" | "empty" | "unavailable", "items": [{"title", "subtitle"?, "date"?,
 * "datetime"?, "href"?, "newTab"}]}}: {@code date} written in the user's language as the page would
 * ("December 6, 2026"), {@code datetime} the same instant in ISO 8601 for {@code <time>}; {@code href} the deep link,
 * absent when the item's id does not fit the tile's route. An app that fails, is slow or short-circuited is
 * {@code "unavailable"} with a 200: the request was fine. Asynchronous: see {@link #answer(Widget)}.
 */
@Path("tiles")
@RequestScoped
@RolesAllowed(Role.Names.ANY_USER)
public class DataTileResource {

    static final String NOT_FOUND = "There is no data tile with this id that you may see.";

    @Inject
    Pages pages;

    @Inject
    Viewer viewer;

    @Inject
    DataTileBodies bodies;

    @Inject
    CurrentUser currentUser;

    @Inject
    LanguageChoice language;

    @Context
    HttpServletRequest request;

    @GET
    @Path("{widgetId}")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> tile(@PathParam("widgetId") String widgetId) {
        if (widgetId == null || !widgetId.matches(Widget.ID_PATTERN)) {
            throw new ApiProblemException(404, NOT_FOUND);
        }
        Widget widget = pages.visibleWidget(widgetId, viewer.roles())
                .filter(found -> found.kind() == WidgetKind.DATA_TILE)
                .orElseThrow(() -> new ApiProblemException(404, NOT_FOUND));
        return answer(widget);
    }

    /**
     * What the tile shows the user, as JSON private to the user and never stored. Whatever the request knows is read
     * here, in its thread; the answer is written when the app has answered, and no thread waits for it meanwhile
     * (RESTEasy suspends the request), so a hanging app cannot take the worker threads the pages need.
     */
    CompletionStage<Response> answer(Widget widget) {
        Locale locale = language.getLocale();
        String contextPath = request.getContextPath();
        return bodies.of(widget, currentUser.identity(), SessionIds.sid(request.getSession()))
                .thenApply(body -> json(body, locale, contextPath));
    }

    private static Response json(DataTileBodies.Body body, Locale locale, String contextPath) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (DataTileBodies.Item item : body.items()) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("title", item.title());
            if (item.subtitle() != null && !item.subtitle().isEmpty()) {
                json.add("subtitle", item.subtitle());
            }
            if (item.date() != null) {
                json.add("date", item.dateOnly() ? Dates.date(item.date(), locale) : Dates.dateTime(item.date(), locale))
                        .add("datetime", item.date().toString());
            }
            if (item.href() != null) {
                json.add("href", contextPath + item.href());
            }
            items.add(json.add("newTab", item.newTab()));
        }
        String json = JSON.createObjectBuilder()
                .add("state", body.state().name().toLowerCase(Locale.ROOT))
                .add("items", items)
                .build().toString();
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "private, no-store")
                .build();
    }
}

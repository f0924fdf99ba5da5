package org.portico.web.rest;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.web.page.PageDrafts;
import org.portico.web.page.Pages;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.user.Role;

/**
 * {@code GET /api/admin/page-drafts/{draft}/tiles/{widgetId}}: a data tile of an unsaved draft in the page editor's
 * "preview as role" ({@code /admin/page-preview.xhtml}), which is not on any live page yet. Site admins only, and only
 * drafts of their own session; the tile is fetched as the admin, as the preview is shown to them. The answer is
 * {@link DataTileResource}'s; an unknown draft or widget, or one that is no data tile, is a 404.
 */
@Path("admin/page-drafts")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
public class PageDraftTileResource {

    static final String NOT_FOUND = "There is no data tile with this id in a draft of yours.";

    @Inject
    PageDrafts drafts;

    @Inject
    Pages pages;

    @Inject
    DataTileResource tiles;

    @GET
    @Path("{draft}/tiles/{widgetId}")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> tile(@PathParam("draft") String draft, @PathParam("widgetId") String widgetId) {
        Widget widget = drafts.find(draft)
                .flatMap(page -> page.widget(widgetId))
                .filter(found -> found.kind() == WidgetKind.DATA_TILE && pages.available(found))
                .orElseThrow(() -> new ApiProblemException(404, NOT_FOUND));
        return tiles.answer(widget);
    }
}

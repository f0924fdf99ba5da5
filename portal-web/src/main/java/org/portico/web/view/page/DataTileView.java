package org.portico.web.view.page;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.web.language.LanguageChoice;
import org.portico.web.page.Widget;
import org.portico.web.security.CurrentUser;
import org.portico.web.security.SessionIds;
import org.portico.web.tile.DataTileBodies;

/**
 * {@code #{dataTile}}: what a data tile ({@code WEB-INF/widgets/data-tile.xhtml}) can show in the page itself — the
 * app's answer when the cache holds it, so that a warm page needs no request after it. Otherwise null: the page shows
 * the placeholder, and {@code js/tile.js} asks for the tile after the page has loaded. Never waits for an app.
 */
@Named("dataTile")
@RequestScoped
public class DataTileView {

    @Inject
    DataTileBodies bodies;

    @Inject
    CurrentUser currentUser;

    @Inject
    HttpServletRequest request;

    @Inject
    LanguageChoice language;

    private final Map<String, DataTileBodies.Body> ready = new HashMap<>();

    /** The tile's body if it is in the cache now, else null; asked once per request and widget. */
    public DataTileBodies.Body ready(Widget widget) {
        if (!currentUser.isLoggedIn()) {
            return null;
        }
        if (!ready.containsKey(widget.id())) {
            ready.put(widget.id(), bodies.ready(widget, currentUser.identity(), SessionIds.sid(request.getSession()))
                    .orElse(null));
        }
        return ready.get(widget.id());
    }

    /** The markup of a tile that is {@link #ready}, in the page's language. */
    public String html(Widget widget) {
        DataTileBodies.Body body = ready(widget);
        return body == null ? "" : bodies.html(body, language.getLocale(), request.getContextPath());
    }
}

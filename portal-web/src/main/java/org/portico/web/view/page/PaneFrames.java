package org.portico.web.view.page;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.page.Widget;
import org.portico.web.pane.PaneFrame;
import org.portico.web.pane.PaneType;

/**
 * {@code #{paneFrames.of(widget)}} for {@code /WEB-INF/widgets/app-pane.xhtml}: what the pane's iframe shows, or
 * {@code null} when its app may not be framed (any more). Decided once per widget and request: the include refers to
 * it many times.
 */
@Named
@RequestScoped
public class PaneFrames {

    @Inject
    PaneType panes;

    private final Map<String, Optional<PaneFrame>> frames = new HashMap<>();

    public PaneFrame of(Widget widget) {
        return frames.computeIfAbsent(widget.id(), id -> panes.frame(widget.settings())).orElse(null);
    }
}

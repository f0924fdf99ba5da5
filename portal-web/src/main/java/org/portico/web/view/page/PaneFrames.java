package org.portico.web.view.page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.page.Widget;
import org.portico.web.pane.PaneFrame;
import org.portico.web.pane.PaneType;

/**
 * {@code #{paneFrames.of(widget)}} for {@code /WEB-INF/widgets/app-pane.xhtml}: what the pane's iframe shows, or
 * {@code null} when its app may not be framed (any more).
 */
@Named
@ApplicationScoped
public class PaneFrames {

    @Inject
    PaneType panes;

    public PaneFrame of(Widget widget) {
        return panes.frame(widget.settings()).orElse(null);
    }
}

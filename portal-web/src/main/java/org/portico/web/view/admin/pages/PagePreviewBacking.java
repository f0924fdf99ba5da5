package org.portico.web.view.admin.pages;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.portico.web.page.PageDrafts;
import org.portico.web.page.PageRules;
import org.portico.web.page.Pages;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Widget;
import org.portico.web.view.page.PageView;

/**
 * {@code /admin/page-preview.xhtml?draft=…&role=…}: an editor's unsaved draft as someone with one role would see it —
 * the widgets that role may see and that are available, rendered by the same {@code widget-grid.xhtml} as the live
 * page. Whether the role may see the page at all is said above the grid, the widgets are shown anyway.
 */
@Named
@RequestScoped
public class PagePreviewBacking {

    @Inject
    PageDrafts drafts;

    @Inject
    Pages pages;

    private PortalPage draft;
    private List<Widget> widgets;

    /** {@code f:viewAction}: a 404 for an unknown draft or role. */
    public void load() throws IOException {
        draft = drafts.find(Faces.getRequestParameter("draft")).orElse(null);
        String role = getRole();
        if (draft == null || role == null || !PageRules.knownRoles().contains(role)) {
            Faces.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such draft");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        widgets = pages.offered(draft, Set.of(role));
        PageView.allowFrames(pages.frameOrigins(widgets)); // the draft's panes, framed as on the live page
    }

    public String getRole() {
        return Faces.getRequestParameter("role");
    }

    public PortalPage getDraft() {
        return draft;
    }

    /** Where the preview's data tiles ask for their items ({@code rest.PageDraftTileResource}); null before the load. */
    public String getTilesUrl() {
        return draft == null ? null : Faces.getRequestContextPath() + "/api/admin/page-drafts/"
                + Faces.getRequestParameter("draft") + "/tiles";
    }

    /** Whether the role may see the page itself. */
    public boolean isPageVisible() {
        return draft != null && draft.visibleTo(Set.of(getRole()));
    }

    public List<Widget> getWidgets() {
        if (widgets == null) {
            // during the view build, before the view action: the same answer
            PortalPage shown = drafts.find(Faces.getRequestParameter("draft")).orElse(null);
            String role = getRole();
            widgets = shown == null || role == null ? List.of() : pages.offered(shown, Set.of(role));
        }
        return widgets;
    }
}

package org.portico.web.view.page;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.page.Pages;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Viewer;

/** The portal pages the main navigation lists for the viewer (guests included), in the admins' order. */
@Named("portalNavigation")
@RequestScoped
public class PortalNavigation {

    @Inject
    Pages pages;

    @Inject
    Viewer viewer;

    private List<PortalPage> shown;

    public List<PortalPage> getPages() {
        if (shown == null) {
            shown = pages.navigation(viewer.roles());
        }
        return shown;
    }
}

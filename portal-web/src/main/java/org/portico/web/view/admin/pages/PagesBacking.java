package org.portico.web.view.admin.pages;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageRejectedException;
import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Viewer;
import org.portico.web.security.CurrentUser;
import org.portico.web.view.admin.FormMessages;

/**
 * The site admin's portal pages, {@code /admin/pages.xhtml}: every page with who may see it, its place in the
 * navigation and its last save; create one (then arrange it in the editor), delete one (never the home page) after
 * a confirmation, open one in the editor or live.
 */
@Named
@ViewScoped
public class PagesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PageService service;

    @Inject
    CurrentUser currentUser;

    private List<PageInfo> pages;
    private PageSettingsForm form = new PageSettingsForm();
    private PageInfo confirmFor;

    @PostConstruct
    void init() {
        pages = service.all();
    }

    public void prepareCreate() {
        form = new PageSettingsForm();
    }

    /** Creates the page without widgets and opens it in the editor. */
    public void create() throws IOException {
        PortalPage page = new PortalPage(form.getSlug(), form.getTitle(), new LinkedHashSet<>(form.getRoles()),
                form.isInNavigation(), form.getNavOrder(), List.of());
        try {
            service.create(page, currentUser.getUsername());
            Faces.redirect("admin/page-editor.xhtml?slug=" + page.slug());
        } catch (PageRejectedException refusal) {
            FormMessages messages = FormMessages.ofCurrentForm();
            if (refusal instanceof PageRejectedException.SlugTaken) {
                messages.refused("slug", refusal);
            } else {
                messages.refused(refusal);
            }
            Faces.validationFailed();
        }
    }

    public void prepareDelete(PageInfo page) {
        confirmFor = page;
    }

    public void delete() {
        if (confirmFor == null) {
            return;
        }
        try {
            service.delete(confirmFor.page().slug(), currentUser.getUsername());
            Messages.addGlobalInfo("admin.pages.deleted", confirmFor.page().slug());
        } catch (PageRejectedException refusal) {
            Messages.addGlobalError(refusal.messageKey(), refusal.messageParams());
            Faces.validationFailed();
        }
        pages = service.all();
    }

    /** Where the page is shown: the home page at {@code /home.xhtml}, the others at {@code /p/{slug}}. */
    public String livePath(PortalPage page) {
        return page.isHome() ? "/home.xhtml" : "/p/" + page.slug();
    }

    public List<String> getAllRoles() {
        return List.of("end-user", "content-editor", "site-admin", Viewer.GUEST);
    }

    public List<PageInfo> getPages() { return pages; }
    public PageSettingsForm getForm() { return form; }
    public PageInfo getConfirmFor() { return confirmFor; }
}

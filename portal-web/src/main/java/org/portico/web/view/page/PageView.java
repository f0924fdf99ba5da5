package org.portico.web.view.page;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.omnifaces.util.Faces;
import org.portico.cms.cache.CachedContent;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.cms.CmsPages;
import org.portico.web.cms.CmsService;
import org.portico.web.edge.PorticoTags;
import org.portico.web.edge.ResponseTags;
import org.portico.web.page.Pages;
import org.portico.web.page.PersonalLayouts;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;

/**
 * A portal page as one viewer sees it: the home page at {@code /home.xhtml} (personalised by the user) or a page at
 * {@code /p/{slug}} (rewritten to {@code /page.xhtml?slug=…} by {@code undertow-handlers.conf}). A page the viewer
 * may not see is a 404, the same as one that does not exist. The page's CSP gains {@code frame-src} with exactly the
 * origins of the panes it shows, before anything is rendered.
 */
@Named("pageView")
@RequestScoped
public class PageView {

    /** What an origin looks like when it may go into a CSP: scheme, host (name, IPv4 or [IPv6]) and port. */
    private static final Pattern ORIGIN = Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

    @Inject
    Pages pages;

    @Inject
    PersonalLayouts layouts;

    @Inject
    Viewer viewer;

    @Inject
    CmsPages cmsPages;

    @Inject
    ResponseTags responseTags;

    private PortalPage page;
    private List<Widget> widgets;
    private ContentItem cmsPage;
    private CachedContent cmsPageCached;
    private boolean cmsLookedUp;
    private boolean cmsUnavailable;

    /**
     * {@code f:viewAction} of {@code /page.xhtml}: a 404 when the viewer may not see the page, else the CSP for its
     * panes. The widgets themselves are decided when first asked for — also on a postback, where the view is rebuilt
     * before any action runs: forms in widgets on {@code /p/} pages post back with {@code ?slug=} (OmniFaces
     * {@code <o:form includeRequestParams="true">}).
     */
    public void loadPage() throws IOException {
        String slug = getSlug();
        if (PortalPage.HOME.equals(slug)) {
            Faces.redirect("home.xhtml");
            return;
        }
        if (getPage() == null) {
            if (getCmsPage() == null) {
                Faces.responseSendError(cmsUnavailable ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                        : HttpServletResponse.SC_NOT_FOUND, cmsUnavailable ? "Content unavailable" : "No such page");
                FacesContext.getCurrentInstance().responseComplete();
                return;
            }
            shareable(slug);
            responseTags.add(CmsContentChanged.tagOf(CmsService.BUILT_IN, ContentKind.PAGE, slug));
            return;
        }
        allowFrames(pages.frameOrigins(getWidgets()));
        shareable(slug);
        pages.cacheTags(getPage()).forEach(responseTags::add);
    }

    /**
     * The page is the same for every guest (in their language): a CDN may keep it, tagged with the page and the
     * navigation; the widgets add the content they show while they render. Whether it is really shared is decided
     * after rendering ({@code edge.EdgeCacheFilter}): never for a logged-in user, a session or a cookie.
     */
    private void shareable(String slug) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.isPostback() && faces.getExternalContext().getUserPrincipal() == null) {
            // A guest's page keeps no state: PrimeFaces keeps its CSP nonce in the view map of a stateful view, and
            // Mojarra keeps view maps in the session, so every guest's first page view would create a session (and
            // be private). A stateless view renders the same page without; see src/docs/cdn.md for the nonce.
            faces.getViewRoot().setTransient(true);
        }
        responseTags.shareable();
        responseTags.add(PorticoTags.page(slug));
        responseTags.add(PorticoTags.NAVIGATION);
    }

    /** {@code f:viewAction} of {@code /home.xhtml}: the CSP for the panes of the user's home page. */
    public void loadHome() {
        allowFrames(pages.frameOrigins(getWidgets()));
    }

    private boolean isHome() {
        return "/home.xhtml".equals(FacesContext.getCurrentInstance().getViewRoot().getViewId());
    }

    /** The slug of the page shown: {@code home}, or the {@code slug} request parameter of {@code /page.xhtml}. */
    public String getSlug() {
        return isHome() ? PortalPage.HOME : Faces.getRequestParameter("slug");
    }

    /** The page, {@code null} when the viewer may not see it. */
    public PortalPage getPage() {
        if (page == null) {
            page = pages.visiblePage(getSlug(), viewer.roles()).orElse(null);
        }
        return page;
    }

    /**
     * The built-in CMS's page at this slug, when there is no portal page there and the viewer may read it: its title
     * and sanitised body, in the viewer's language or the nearest one; null otherwise.
     */
    public ContentItem getCmsPage() {
        if (!cmsLookedUp) {
            cmsLookedUp = true;
            if (!isHome() && getPage() == null) {
                try {
                    cmsPageCached = cmsPages.readable(getSlug(), Faces.getLocale(), viewer.roles()).orElse(null);
                    cmsPage = cmsPageCached == null ? null : cmsPageCached.item();
                } catch (ContentUnavailableException e) {
                    cmsUnavailable = true; // the store is down and nothing of the page is cached: a 503
                }
            }
        }
        return cmsPage;
    }

    /**
     * The CMS page as cached, when its store failed to answer since it was fetched (readers see the last good
     * version; the page tells editors); null otherwise.
     */
    public CachedContent getCmsPageFromLastGood() {
        getCmsPage();
        return cmsPageCached != null && cmsPageCached.fromLastGood() ? cmsPageCached : null;
    }

    /** The heading and the browser tab's title: the portal page's or the CMS page's. */
    public String getTitle() {
        return getPage() != null ? getPage().title() : getCmsPage() != null ? getCmsPage().title() : "";
    }

    /** The widgets the viewer sees, in order: on the home page with the user's own changes applied. */
    public List<Widget> getWidgets() {
        if (widgets == null) {
            PortalPage shown = getPage();
            if (shown == null) {
                widgets = List.of();
            } else {
                List<Widget> offered = pages.offered(shown, viewer.roles());
                widgets = shown.isHome() ? layouts.of(viewer.username(), PortalPage.HOME).apply(offered) : offered;
            }
        }
        return widgets;
    }

    /** Adds {@code frame-src} naming exactly these origins to the CSP the security headers filter set. */
    public static void allowFrames(Set<String> origins) {
        Set<String> valid = origins.stream().filter(origin -> ORIGIN.matcher(origin).matches())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (valid.isEmpty()) {
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        // Browsers enforce every policy a response carries: ours (from SecurityHeadersFilter) gains frame-src, a
        // policy PrimeFaces may have added for its script nonces stays as it is.
        List<String> policies = List.copyOf(response.getHeaders("Content-Security-Policy"));
        for (int i = 0; i < policies.size(); i++) {
            String policy = policies.get(i);
            String kept = policy.startsWith("default-src") && !policy.contains("frame-src")
                    ? policy + "; frame-src " + String.join(" ", valid) : policy;
            if (i == 0) {
                response.setHeader("Content-Security-Policy", kept);
            } else {
                response.addHeader("Content-Security-Policy", kept);
            }
        }
    }

}

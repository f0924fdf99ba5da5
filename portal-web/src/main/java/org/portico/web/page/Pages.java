package org.portico.web.page;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;

/**
 * The pages as the portal shows them, read from memory: all pages are loaded at once (there are tens, not
 * thousands) and forgotten when a page changes on this node ({@link PagesChanged}, after the transaction) or on another
 * node ({@code TopicsChanged} of {@code pages}, within a second). What a
 * viewer may see is decided here: the page's roles, then each widget's roles, then whether what the widget shows
 * still exists ({@link WidgetType#available}, asked on every call, so a disabled app's widgets vanish at once).
 */
@ApplicationScoped
public class Pages {

    private static final Comparator<PortalPage> NAVIGATION_ORDER =
            Comparator.comparingInt(PortalPage::navOrder).thenComparing(PortalPage::title);

    @Inject
    PageService service;

    @Inject
    WidgetTypes types;

    private final AtomicReference<Map<String, PageInfo>> cache = new AtomicReference<>();

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) PagesChanged event) {
        cache.set(null);
    }

    private Map<String, PageInfo> pages() {
        Map<String, PageInfo> pages = cache.get();
        if (pages == null) {
            pages = service.all().stream().collect(Collectors.toUnmodifiableMap(info -> info.page().slug(),
                    Function.identity()));
            cache.set(pages);
        }
        return pages;
    }

    public Optional<PageInfo> find(String slug) {
        return Optional.ofNullable(slug == null ? null : pages().get(slug));
    }

    /** The page, if these roles may see it. */
    public Optional<PortalPage> visiblePage(String slug, Set<String> viewerRoles) {
        return find(slug).map(PageInfo::page).filter(page -> page.visibleTo(viewerRoles));
    }

    /** The pages the main navigation lists for these roles, in their order (the home page has its own entry). */
    public List<PortalPage> navigation(Set<String> viewerRoles) {
        return pages().values().stream().map(PageInfo::page)
                .filter(page -> !page.isHome() && page.inNavigation() && page.visibleTo(viewerRoles))
                .sorted(NAVIGATION_ORDER).toList();
    }

    /** The page's widgets these roles may see and that still show something, in the admin's order. */
    public List<Widget> offered(PortalPage page, Set<String> viewerRoles) {
        return page.widgets().stream()
                .filter(widget -> widget.visibleTo(viewerRoles) && types.available(widget)).toList();
    }

    /** The widget, if it is on a page these roles may see and they may see it. */
    public Optional<Widget> visibleWidget(String widgetId, Set<String> viewerRoles) {
        return pages().values().stream().map(PageInfo::page).filter(page -> page.visibleTo(viewerRoles))
                .flatMap(page -> page.widget(widgetId).stream())
                .filter(widget -> widget.visibleTo(viewerRoles) && types.available(widget))
                .findFirst();
    }

    /** Whether what the widget shows still exists (admins see "no longer available" when not). */
    public boolean available(Widget widget) {
        return types.available(widget);
    }

    /**
     * The cache tags of what a page's widgets show, all of them (whoever may see them, whether they can be shown now):
     * a shared cache's copy of the page carries them, so a change of an app, a route or a CMS item purges it.
     */
    public Set<CacheTag> cacheTags(PortalPage page) {
        Set<CacheTag> tags = new LinkedHashSet<>();
        page.widgets().forEach(widget -> tags.addAll(types.cacheTags(widget)));
        return tags;
    }

    /** The origins the page's CSP must allow frames from, to show these widgets. */
    public Set<String> frameOrigins(List<Widget> widgets) {
        Set<String> origins = new LinkedHashSet<>();
        widgets.forEach(widget -> origins.addAll(types.frameOrigins(widget)));
        return origins;
    }

    /** A page changed on some node: forget the pages (within a second on every node). */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.PAGES)) {
            cache.set(null);
        }
    }
}

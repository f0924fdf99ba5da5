package org.portico.web.page;

import java.util.Objects;
import java.util.Set;

/**
 * Pages were created, changed, reverted, deleted or imported, in the transaction that did it: cached pages are
 * forgotten once it completes, and whatever keeps copies of the pages further (a CDN) purges those pages, and every
 * page when the navigation they all show changed.
 *
 * @param slugs      the pages changed
 * @param navigation whether the main navigation changed (a page listed there added, removed, renamed, moved, or
 *                   shown to other roles)
 */
public record PagesChanged(Set<String> slugs, boolean navigation) {

    public PagesChanged {
        slugs = Set.copyOf(slugs);
    }

    /**
     * Whether the navigation shows a page differently after a change: its entry (title, place, who sees it) before
     * and after, a page that does not exist (null) or is not listed having none.
     */
    static boolean navigationChanged(PortalPage before, PortalPage after) {
        return !Objects.equals(entry(before), entry(after));
    }

    private static Object entry(PortalPage page) {
        return page == null || !page.inNavigation() ? null : java.util.List.of(page.title(), page.roles(), page.navOrder());
    }
}

package org.portico.web.page;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A portal page as admins compose it, immutable: the home page ({@link #HOME}) or a page at {@code /p/{slug}}, who
 * may see it, its place in the navigation and its widgets in their order. This is also the page's JSON form
 * ({@link PageJson}), what versions keep and what export and import move.
 *
 * @param slug         {@link #SLUG_PATTERN}; {@code /p/} is one namespace with the CMS pages to come
 * @param title        the navigation label and the page heading
 * @param roles        who may see it: role names and {@link Viewer#GUEST}; never empty
 * @param inNavigation whether the main navigation lists it (for those who may see it)
 * @param navOrder     its place there, lower first
 * @param widgets      in the order they flow
 */
public record PortalPage(String slug, String title, Set<String> roles, boolean inNavigation, int navOrder,
                         List<Widget> widgets) {

    /** The home page's slug: shown at {@code /home.xhtml} to every logged-in user, personalised by each. */
    public static final String HOME = "home";
    public static final String SLUG_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    public PortalPage {
        roles = roles == null ? Set.of() : Set.copyOf(new TreeSet<>(roles));
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
    }

    public boolean isHome() {
        return HOME.equals(slug);
    }

    /** Whether someone with these roles may see the page (not yet which of its widgets). */
    public boolean visibleTo(Set<String> viewerRoles) {
        return roles.stream().anyMatch(viewerRoles::contains);
    }

    public Optional<Widget> widget(String widgetId) {
        return widgets.stream().filter(widget -> widget.id().equals(widgetId)).findFirst();
    }

    public PortalPage withWidgets(List<Widget> newWidgets) {
        return new PortalPage(slug, title, roles, inNavigation, navOrder, newWidgets);
    }
}

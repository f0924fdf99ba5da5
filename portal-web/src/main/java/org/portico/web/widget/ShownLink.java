package org.portico.web.widget;

import java.util.Map;
import java.util.Set;

/**
 * One link of an app tile or a links list as it can be followed now: its route still exists, is switched on and
 * takes the fixed parameters, or its URL still lies under a base URL of an app that is registered and enabled.
 * Immutable.
 *
 * @param index   the link's place in the widget's settings (0 for a tile): how a one-time button names it
 * @param label   what the link says (a links list's label; for a tile, null: the page says "Open" and the app)
 * @param route   the route's name, or null for an app URL
 * @param params  the route's parameters, bound and normalised as following the link will bind them
 * @param oneTime whether the route is a one-time route: a button that mints its ticket when clicked
 * @param newTab  whether the route opens in a new tab
 * @param roles   the roles of which a user needs one to follow the route (empty: any user)
 * @param url     the normalised app URL, or null for a route
 */
public record ShownLink(int index, String label, String route, Map<String, String> params, boolean oneTime,
                        boolean newTab, Set<String> roles, String url) {

    public ShownLink {
        params = params == null ? Map.of() : Map.copyOf(params);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Whether a user with these roles may follow it: an app URL always, a route when a role fits. */
    public boolean mayFollow(Set<String> viewerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(viewerRoles::contains);
    }
}

package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.link.RouteSamples;
import org.portico.web.link.StoredRoute;

/**
 * One line of the admin route list: a serializable snapshot, so the view state never holds entities. Words are
 * codes the page looks up in the bundle ({@code admin.routes.flag.*}, {@code admin.routes.status.*}).
 *
 * @param appId         the target app, or {@code null} for a Portico page
 * @param parameters    e.g. {@code id: int, tab: enum?} (optional ones marked with '?')
 * @param guestsAllowed whether guests may follow it; else the roles, none meaning any logged-in user
 * @param flags         {@code one-time}, {@code new-tab}, {@code token-in-query}
 * @param status        {@code enabled}, {@code disabled}, {@code not-yet-valid} or {@code expired}
 */
public record RouteRow(String name, String description, String appId, String template, String parameters,
                       boolean guestsAllowed, List<String> roles, List<String> flags, boolean enabled, String status,
                       String sampleUrl) implements Serializable {

    public RouteRow {
        roles = List.copyOf(roles);
        flags = List.copyOf(flags);
    }

    static RouteRow of(StoredRoute route, Instant now) {
        String parameters = route.getParameters().stream()
                .map(p -> p.getName() + ": " + p.getType().code() + (p.isRequired() ? "" : "?"))
                .collect(Collectors.joining(", "));
        List<String> flags = new ArrayList<>();
        if (route.isOneTime()) {
            flags.add("one-time");
        }
        if (route.getWindow() == LinkWindow.NEW_TAB) {
            flags.add("new-tab");
        }
        if (route.getAppId() != null && route.getTokenPlacement() == TokenPlacement.QUERY) {
            flags.add("token-in-query");
        }
        String status = !route.isEnabled() ? "disabled"
                : route.getValidFrom() != null && now.isBefore(route.getValidFrom()) ? "not-yet-valid"
                : route.getValidUntil() != null && !now.isBefore(route.getValidUntil()) ? "expired"
                : "enabled";
        return new RouteRow(route.getName(), route.getDescription(), route.getAppId(), route.getTargetTemplate(),
                parameters, route.isGuestsAllowed(), List.copyOf(route.getRoles()), flags, route.isEnabled(), status,
                RouteSamples.sampleUrl(route));
    }

    /** The roles as the list shows them, e.g. {@code content-editor, site-admin}. */
    public String roleList() {
        return String.join(", ", roles);
    }

    /** The PrimeFaces tag severity of the status. */
    public String statusSeverity() {
        return switch (status) {
            case "enabled" -> "success";
            case "disabled" -> "danger";
            default -> "warning";
        };
    }
}

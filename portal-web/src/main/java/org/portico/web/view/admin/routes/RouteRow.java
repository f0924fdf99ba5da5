package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.portico.deeplink.link.LinkWindow;
import org.portico.web.link.RouteSamples;
import org.portico.web.persistence.StoredRoute;

/**
 * One line of the admin route list: a serializable snapshot, so the view state never holds entities.
 *
 * @param appId      the target app, or {@code null} for a Portico page
 * @param parameters e.g. {@code id: int, tab: enum?} (optional ones marked with '?')
 * @param access     who may follow it: "Guests too", "Any logged-in user" or the roles
 * @param flags      short notes such as "one-time", "new tab", "token in query"
 * @param status     "Enabled", "Disabled", "Not yet valid" or "Expired"
 */
public record RouteRow(String name, String description, String appId, String template, String parameters,
                       String access, List<String> flags, boolean enabled, String status, String sampleUrl)
        implements Serializable {

    public RouteRow {
        flags = List.copyOf(flags);
    }

    static RouteRow of(StoredRoute route, Instant now) {
        String parameters = route.getParameters().stream()
                .map(p -> p.getName() + ": " + p.getType().code() + (p.isRequired() ? "" : "?"))
                .collect(Collectors.joining(", "));
        String access = route.isGuestsAllowed() ? "Guests too"
                : route.getRoles().isEmpty() ? "Any logged-in user" : String.join(", ", route.getRoles());
        List<String> flags = new ArrayList<>();
        if (route.isOneTime()) {
            flags.add("one-time");
        }
        if (route.getWindow() == LinkWindow.NEW_TAB) {
            flags.add("new tab");
        }
        if (route.getAppId() != null && route.getTokenPlacement() == org.portico.deeplink.link.TokenPlacement.QUERY) {
            flags.add("token in query");
        }
        String status = !route.isEnabled() ? "Disabled"
                : route.getValidFrom() != null && now.isBefore(route.getValidFrom()) ? "Not yet valid"
                : route.getValidUntil() != null && !now.isBefore(route.getValidUntil()) ? "Expired"
                : "Enabled";
        return new RouteRow(route.getName(), route.getDescription(), route.getAppId(), route.getTargetTemplate(),
                parameters, access, flags, route.isEnabled(), status, RouteSamples.sampleUrl(route));
    }

    /** The PrimeFaces tag severity of the status. */
    public String statusSeverity() {
        return switch (status) {
            case "Enabled" -> "success";
            case "Disabled" -> "danger";
            default -> "warning";
        };
    }
}

package org.portico.web.link;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.web.app.AppService;
import org.portico.web.app.DemoApps;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.app.RegisteredApp;
import org.portico.web.user.Role;

/**
 * Creates the demo link routes when {@code portico.demo.enabled} is true, after the demo app: one route per parameter
 * type into {@value DemoApps#ID}, a one-time offer and a guest route to Portico's home page. The app routes' URLs
 * start with the demo app's registered base URL, whatever it is. Routes that exist already are left as they are
 * (changes made in the admin screen survive restarts); if the demo app was deleted, only the home route is created.
 */
@ApplicationScoped
public class DemoRoutes {

    private static final Logger LOG = Logger.getLogger(DemoRoutes.class.getName());

    @Inject
    @ConfigProperty(name = "portico.demo.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    AppService apps;

    @Inject
    RouteService routes;

    void onStart(@Observes @Priority(DatabaseMigrations.PRIORITY + 30) @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            return;
        }
        Optional<RegisteredApp> demoApp = apps.findById(DemoApps.ID);
        Set<UserClaim> allowed = demoApp.map(app -> app.getClaims().stream()
                .map(org.portico.web.app.UserClaim::toDeeplink).collect(Collectors.toSet())).orElse(Set.of());
        for (LinkRoute route : demoRoutes(demoApp.flatMap(DemoRoutes::baseOf), allowed)) {
            if (routes.findByName(route.name()).isEmpty()) {
                try {
                    routes.create(route);
                    LOG.info(() -> "Created demo link route '" + route.name() + "' to " + route.target().template());
                } catch (RouteRejectedException e) {
                    // The demo app was changed in the admin screen (claims, base URL): the demo goes on without it.
                    LOG.warning(() -> "Demo link route '" + route.name() + "' not created: " + e.getMessage());
                }
            }
        }
    }

    private static Optional<String> baseOf(RegisteredApp app) {
        return app.getBaseUrls().stream().findFirst().map(url -> url.endsWith("/") ? url : url + "/");
    }

    /**
     * The demo routes; those into the demo app only when it is registered ({@code base} ends with '/'), each with the
     * claims it asks for that the demo app may receive.
     */
    static List<LinkRoute> demoRoutes(Optional<String> base, Set<UserClaim> allowed) {
        return demoRoutes(base).stream()
                .map(route -> route.claims().stream().allMatch(allowed::contains) ? route
                        : route.toBuilder().claims(route.claims().stream().filter(allowed::contains)
                                .collect(Collectors.toSet())).build())
                .toList();
    }

    private static List<LinkRoute> demoRoutes(Optional<String> base) {
        LinkRoute home = LinkRoute.builder("home")
                .description("Portico's home page; open to everyone (guests are asked to log in by the page itself).")
                .target(new RouteTarget.PortalPage("/home.xhtml"))
                .guestsAllowed(true)
                .build();
        LinkRoute adminPages = LinkRoute.builder("admin-pages")
                .description("The site admin's page editor, where the portal's pages are arranged.")
                .target(new RouteTarget.PortalPage("/admin/pages.xhtml"))
                .roles(Role.Names.SITE_ADMIN)
                .build();
        LinkRoute adminUsers = LinkRoute.builder("admin-users")
                .description("The site admin's list of users.")
                .target(new RouteTarget.PortalPage("/admin/users.xhtml"))
                .roles(Role.Names.SITE_ADMIN)
                .build();
        if (base.isEmpty()) {
            return List.of(home, adminPages, adminUsers);
        }
        String app = DemoApps.ID;
        String b = base.get();
        return List.of(
                LinkRoute.builder("invoice")
                        .description("An invoice in the demo app, by its number.")
                        .parameter(RouteParameter.of("id", ParameterType.INT))
                        .target(new RouteTarget.AppUrl(app, b + "invoices/{id}"))
                        .claims(UserClaim.NAME)
                        .build(),
                LinkRoute.builder("customer")
                        .description("A customer in the demo app, by its UUID.")
                        .parameter(RouteParameter.of("customerId", ParameterType.UUID))
                        .target(new RouteTarget.AppUrl(app, b + "customers/{customerId}"))
                        .claims(UserClaim.NAME, UserClaim.EMAIL)
                        .window(LinkWindow.NEW_TAB)
                        .build(),
                LinkRoute.builder("report")
                        .description("A report of the demo app for a day, a week or a month.")
                        .parameter(RouteParameter.oneOf("period", List.of("day", "week", "month")))
                        .target(new RouteTarget.AppUrl(app, b + "reports/{period}"))
                        .claims(UserClaim.NAME, UserClaim.ROLES)
                        .build(),
                LinkRoute.builder("ticket")
                        .description("A support ticket in the demo app, by its key such as OPS-42.")
                        .parameter(RouteParameter.matching("key", "[A-Z]{2,5}-[0-9]{1,6}"))
                        .target(new RouteTarget.AppUrl(app, b + "tickets/{key}"))
                        .claims(UserClaim.NAME)
                        .build(),
                LinkRoute.builder("welcome-offer")
                        .description("A one-time welcome offer: each link works once.")
                        .target(new RouteTarget.AppUrl(app, b + "offers/welcome"))
                        .oneTime(true)
                        .claims(UserClaim.NAME, UserClaim.EMAIL)
                        .build(),
                home, adminPages, adminUsers);
    }
}

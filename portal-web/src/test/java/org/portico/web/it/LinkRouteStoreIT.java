package org.portico.web.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppRejectedException;
import org.portico.web.app.AppService;
import org.portico.web.app.DemoApps;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditFilter;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.link.ImportReport;
import org.portico.web.link.RouteDraft;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.link.RouteService;
import org.portico.web.audit.AuditEntry;
import org.portico.web.link.StoredRoute;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * Link routes inside WildFly against the real database: a route survives the round trip through its tables exactly,
 * changes are checked against the app registry, versions lock optimistically, the link-following view
 * ({@link LinkRoutes}) sees every change at once, imports are all or nothing, and an app that routes lead into
 * can't be deleted. Tagged {@code database} (runs on H2 and PostgreSQL) and tolerant of rows left by earlier runs.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class LinkRouteStoreIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(LinkRouteStoreIT.class, ItSupport.class);
    }

    @Inject
    RouteService routes;

    @Inject
    LinkRoutes linkRoutes;

    @Inject
    AppService apps;

    @Inject
    AuditLog audit;


    /** An app of its own per test, so that tests can disable or delete it. */
    private String registerApp(List<String> claims) {
        String id = unique("rapp");
        apps.create(new AppDraft(id, "Routes " + id, null, "https://" + id + ".example",
                List.of("https://" + id + ".example/app/"), claims, null, "client_secret", null, List.of(), false, true));
        return id;
    }

    private static LinkRoute.Builder everything(String name, String appId) {
        return LinkRoute.builder(name)
                .description("Every field set")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.oneOf("view", List.of("summary", "full, with lines")))
                .parameter(RouteParameter.matching("key", "[A-Z]{2}-[0-9]+").optional())
                .parameter(new RouteParameter("note", ParameterType.STRING, false, List.of(), null, 40))
                .target(new RouteTarget.AppUrl(appId, "https://" + appId + ".example/app/items/{id}?view={view}#{key}"))
                .roles("end-user", "content-editor")
                .enabled(false)
                .validFrom(Instant.parse("2030-01-01T00:00:00Z"))
                .validUntil(Instant.parse("2031-01-01T12:30:00Z"))
                .window(LinkWindow.NEW_TAB)
                .oneTime(true)
                .tokenLifetime(Duration.ofSeconds(90))
                .claims(UserClaim.NAME, UserClaim.ROLES)
                .tokenPlacement(TokenPlacement.QUERY);
    }

    @Test
    void aRouteComesBackExactlyAsItWasStored() {
        String app = registerApp(List.of("name", "email", "roles"));
        LinkRoute route = everything(unique("full"), app).build();

        StoredRoute stored = routes.create(route);

        assertAll(
                () -> assertEquals(route, routes.findRoute(route.name()).orElseThrow()),
                () -> assertEquals(route, linkRoutes.find(route.name()).orElseThrow()),
                () -> assertEquals(0, stored.getVersion()),
                () -> assertEquals(app, stored.getAppId()));
    }

    @Test
    void aPorticoPageRouteNeedsNoApp() {
        LinkRoute page = LinkRoute.builder(unique("page"))
                .parameter(RouteParameter.of("slug", ParameterType.STRING))
                .target(new RouteTarget.PortalPage("/pages/{slug}"))
                .guestsAllowed(true)
                .build();

        routes.create(page);

        assertEquals(page, linkRoutes.find(page.name()).orElseThrow());
    }

    @Test
    void theLinkViewSeesCreationUpdateAndDeletionAtOnce() {
        String app = registerApp(List.of("name"));
        String name = unique("cache");
        assertTrue(linkRoutes.find(name).isEmpty(), "unknown before (and that answer is cached)");

        routes.create(LinkRoute.builder(name).target(new RouteTarget.AppUrl(app, "https://" + app + ".example/app/a")).build());
        assertEquals("https://" + app + ".example/app/a", linkRoutes.find(name).orElseThrow().target().template(),
                "the cached 'unknown' was forgotten");

        StoredRoute stored = routes.getByName(name);
        routes.update(name, stored.getVersion(), RouteDraft.of(LinkRoute.builder(name)
                .target(new RouteTarget.AppUrl(app, "https://" + app + ".example/app/b")).enabled(false).build()));
        LinkRoute updated = linkRoutes.find(name).orElseThrow();
        assertAll(
                () -> assertEquals("https://" + app + ".example/app/b", updated.target().template()),
                () -> assertFalse(updated.enabled()));

        routes.delete(name);
        assertEquals(Optional.empty(), linkRoutes.find(name));
    }

    @Test
    void namesThatCannotBeRoutesAreNotLookedUp() {
        assertAll(
                () -> assertEquals(Optional.empty(), linkRoutes.find(null)),
                () -> assertEquals(Optional.empty(), linkRoutes.find("Invoice")),
                () -> assertEquals(Optional.empty(), linkRoutes.find("x".repeat(64))),
                () -> assertEquals(Optional.empty(), linkRoutes.find("../etc")));
    }

    @Test
    void anUpdateBasedOnAnOldVersionIsRefusedAndAudited() {
        String app = registerApp(List.of());
        String name = unique("stale");
        RouteTarget target = new RouteTarget.AppUrl(app, "https://" + app + ".example/app/x");
        long seen = routes.create(LinkRoute.builder(name).target(target).build()).getVersion();
        routes.update(name, seen, RouteDraft.of(LinkRoute.builder(name).target(target).description("first").build()));

        RouteDraft second = RouteDraft.of(LinkRoute.builder(name).target(target).description("second").build());
        RouteRejectedException.StaleRoute stale = assertThrows(RouteRejectedException.StaleRoute.class,
                () -> routes.update(name, seen, second));

        List<AuditEntry> refused = audit.search(new AuditFilter(AuditAction.ROUTE_UPDATED, null, "route:" + name, null, null), 0, 10);
        assertAll(
                () -> assertTrue(stale.getMessage().contains("changed by someone else"), stale.getMessage()),
                () -> assertEquals("first", routes.getByName(name).getDescription()),
                () -> assertEquals(1, routes.getByName(name).getVersion()),
                () -> assertEquals(AuditOutcome.REFUSED, refused.get(0).getOutcome()),
                () -> assertEquals(AuditOutcome.SUCCESS, refused.get(1).getOutcome()));
    }

    @Test
    void namesAreUniqueAndNeverChange() {
        String app = registerApp(List.of());
        String name = unique("dup");
        RouteTarget target = new RouteTarget.AppUrl(app, "https://" + app + ".example/app/x");
        routes.create(LinkRoute.builder(name).target(target).build());

        RouteDraft renamed = RouteDraft.of(LinkRoute.builder(name + "-new").target(target).build());
        RouteRejectedException.InvalidRoute invalid = assertThrows(RouteRejectedException.InvalidRoute.class,
                () -> routes.update(name, 0, renamed));
        assertAll(
                () -> assertThrows(RouteRejectedException.RouteNameTaken.class,
                        () -> routes.create(LinkRoute.builder(name).target(target).build())),
                () -> assertEquals("name", invalid.problems().get(0).field()),
                () -> assertThrows(RouteRejectedException.RouteNotFound.class, () -> routes.delete(unique("none"))));
    }

    @Test
    void checksThatNeedDataReportEveryProblemWithItsField() {
        String app = registerApp(List.of("name"));
        RouteDraft draft = new RouteDraft(unique("bad"), null,
                List.of(RouteParameter.matching("key", "[")),
                new RouteTarget.AppUrl(app, "https://elsewhere.example/{key}"), false, Set.of("end-user", "boss"),
                true, null, null, LinkWindow.SAME_TAB, false, Duration.ofMinutes(2),
                Set.of(UserClaim.NAME, UserClaim.EMAIL), TokenPlacement.FRAGMENT);

        RouteRejectedException.InvalidRoute invalid = assertThrows(RouteRejectedException.InvalidRoute.class,
                () -> routes.create(draft));

        assertEquals(List.of("parameters[0].pattern", "target.template", "roles", "claims"),
                invalid.problems().stream().map(RouteProblem::field).toList(), invalid.getMessage());
        assertAll(
                () -> assertTrue(invalid.problems().get(1).message().contains("https://" + app + ".example/app"),
                        "names the app's base URL: " + invalid.problems().get(1).message()),
                () -> assertTrue(invalid.problems().get(2).message().contains("'boss' is not a Portico role")),
                () -> assertTrue(invalid.problems().get(3).message().contains("may not receive email")),
                () -> assertTrue(routes.findByName(draft.name()).isEmpty()));
    }

    @Test
    void anUnknownOrDisabledAppIsRefusedAsANewTarget() {
        String disabled = registerApp(List.of());
        String enabled = registerApp(List.of());
        String name = unique("target");
        routes.create(LinkRoute.builder(name).target(new RouteTarget.AppUrl(enabled, "https://" + enabled + ".example/app/")).build());
        apps.setEnabled(enabled, false);
        apps.setEnabled(disabled, false);

        RouteRejectedException.InvalidRoute unknown = assertThrows(RouteRejectedException.InvalidRoute.class,
                () -> routes.create(LinkRoute.builder(unique("ghost")).target(new RouteTarget.AppUrl("no-such-app-x", "https://ghost.example/")).build()));
        RouteRejectedException.InvalidRoute off = assertThrows(RouteRejectedException.InvalidRoute.class,
                () -> routes.create(LinkRoute.builder(unique("off")).target(new RouteTarget.AppUrl(disabled, "https://" + disabled + ".example/app/")).build()));
        StoredRoute kept = routes.update(name, 0, RouteDraft.of(LinkRoute.builder(name).description("still here")
                .target(new RouteTarget.AppUrl(enabled, "https://" + enabled + ".example/app/")).build()));

        assertAll(
                () -> assertEquals("target.appId", unknown.problems().get(0).field()),
                () -> assertTrue(unknown.problems().get(0).message().contains("no registered app 'no-such-app-x'")),
                () -> assertTrue(off.problems().get(0).message().contains("is disabled")),
                () -> assertEquals("still here", kept.getDescription(), "a route may keep its app while that is disabled"));
    }

    @Test
    void anAppThatRoutesLeadIntoCannotBeDeleted() {
        String app = registerApp(List.of());
        String first = unique("uses-a");
        String second = unique("uses-b");
        for (String name : List.of(second, first)) {
            routes.create(LinkRoute.builder(name).target(new RouteTarget.AppUrl(app, "https://" + app + ".example/app/")).build());
        }

        AppRejectedException.AppInUse inUse = assertThrows(AppRejectedException.AppInUse.class, () -> apps.delete(app));
        assertAll(
                () -> assertTrue(inUse.getMessage().contains("'" + first + "', '" + second + "' lead into it"), inUse.getMessage()),
                () -> assertTrue(apps.findById(app).isPresent()));

        routes.delete(first);
        routes.delete(second);
        apps.delete(app);
        assertTrue(apps.findById(app).isEmpty(), "without routes the app can go");
    }

    @Test
    void anImportIsAllOrNothing() {
        String app = registerApp(List.of("name"));
        String existing = unique("imp-old");
        String fresh = unique("imp-new");
        String same = unique("imp-same");
        RouteTarget target = new RouteTarget.AppUrl(app, "https://" + app + ".example/app/");
        routes.create(LinkRoute.builder(existing).target(target).build());
        LinkRoute unchanged = LinkRoute.builder(same).target(target).build();
        routes.create(unchanged);

        List<RouteDraft> good = List.of(
                RouteDraft.of(LinkRoute.builder(existing).target(target).description("imported").build()),
                RouteDraft.of(LinkRoute.builder(fresh).target(target).build()),
                RouteDraft.of(unchanged));
        List<RouteDraft> oneBad = List.of(good.get(0), good.get(1), RouteDraft.of(LinkRoute.builder(unique("imp-bad"))
                .target(new RouteTarget.AppUrl(app, "https://evil.example/")).build()));

        RouteRejectedException.InvalidRoute refused = assertThrows(RouteRejectedException.InvalidRoute.class,
                () -> routes.importRoutes(oneBad, false));
        assertAll(
                () -> assertEquals("routes[2].target.template", refused.problems().get(0).field()),
                () -> assertTrue(routes.findByName(fresh).isEmpty(), "nothing was created"),
                () -> assertEquals("", routes.getByName(existing).getDescription(), "nothing was changed"));

        ImportReport dry = routes.importRoutes(good, true);
        assertAll(
                () -> assertEquals(List.of(ImportReport.Action.UPDATED, ImportReport.Action.CREATED, ImportReport.Action.UNCHANGED),
                        dry.entries().stream().map(ImportReport.Entry::action).toList()),
                () -> assertTrue(routes.findByName(fresh).isEmpty(), "a dry run writes nothing"));

        ImportReport done = routes.importRoutes(good, false);
        assertAll(
                () -> assertEquals(dry.entries(), done.entries()),
                () -> assertEquals("imported", linkRoutes.find(existing).orElseThrow().description()),
                () -> assertTrue(linkRoutes.find(fresh).isPresent()),
                () -> assertEquals(0, routes.getByName(same).getVersion(), "an unchanged route is not touched"));
    }

    @Test
    void theDemoRoutesLeadUnderTheDemoAppsBaseUrl() {
        String base = apps.getById(DemoApps.ID).getBaseUrls().get(0).replaceAll("/?$", "/");
        LinkRoute invoice = linkRoutes.find("invoice").orElseThrow();
        LinkRoute ticket = linkRoutes.find("ticket").orElseThrow();
        LinkRoute offer = linkRoutes.find("welcome-offer").orElseThrow();
        LinkRoute home = linkRoutes.find("home").orElseThrow();

        assertAll(
                () -> assertEquals(new RouteTarget.AppUrl(DemoApps.ID, base + "invoices/{id}"), invoice.target()),
                () -> assertEquals(ParameterType.INT, invoice.parameters().get(0).type()),
                () -> assertEquals(ParameterType.UUID, linkRoutes.find("customer").orElseThrow().parameters().get(0).type()),
                () -> assertEquals(List.of("day", "week", "month"), linkRoutes.find("report").orElseThrow().parameters().get(0).values()),
                () -> assertEquals("[A-Z]{2,5}-[0-9]{1,6}", ticket.parameters().get(0).pattern()),
                () -> assertTrue(offer.oneTime()),
                () -> assertEquals(Set.of(UserClaim.NAME, UserClaim.EMAIL), offer.claims()),
                () -> assertTrue(home.guestsAllowed()),
                () -> assertEquals(new RouteTarget.PortalPage("/home.xhtml"), home.target()));
    }
}

package org.portico.web.tile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.web.link.OutboundLinks;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

class DataTileTypeTest {

    private static final AppRegistration DEMO_APP = AppRegistration.builder("demo-app").name("Demo app")
            .baseUrl("http://localhost:8080/demo-app/").audience("demo-app")
            .clientAuthentication(new PrivateKeyJwt(URI.create("http://localhost:8080/demo-app/jwks.json"))).build();
    private static final LinkRoute INVOICE = LinkRoute.builder("invoice")
            .parameter(RouteParameter.of("id", ParameterType.STRING))
            .target(new RouteTarget.AppUrl("demo-app", "http://localhost:8080/demo-app/invoices/{id}")).build();
    private static final LinkRoute OFFER = LinkRoute.builder("offer").oneTime(true)
            .parameter(RouteParameter.of("id", ParameterType.STRING))
            .target(new RouteTarget.AppUrl("demo-app", "http://localhost:8080/demo-app/offer/{id}")).build();

    private final Map<String, AppRegistration> apps = new HashMap<>(Map.of("demo-app", DEMO_APP));
    private final Map<String, LinkRoute> routes = new HashMap<>(Map.of("invoice", INVOICE, "offer", OFFER));
    private final DataTileType type = new DataTileType();

    @BeforeEach
    void wire() {
        type.apps = new AppDirectory() {
            @Override
            public Optional<AppRegistration> findById(String id) {
                return Optional.ofNullable(apps.get(id));
            }

            @Override
            public Optional<AppRegistration> findByAudience(String audience) {
                return apps.values().stream().filter(app -> app.audience().equals(audience)).findFirst();
            }
        };
        type.links = new OutboundLinks() {
            @Override
            public Optional<LinkRoute> find(String route) {
                return Optional.ofNullable(routes.get(route));
            }
        };
    }

    private static JsonObject settings(String key, String value) {
        return Json.createObjectBuilder(DataTileSettingsTest.json(DataTileSettingsTest.INVOICES)).add(key, value)
                .build();
    }

    private static Map<String, String> keys(List<FieldMessage> problems) {
        return DataTileSettingsTest.keysOf(problems);
    }

    @Test
    void theDesignsExampleIsValidAndADataTile() {
        assertAll(() -> assertEquals(WidgetKind.DATA_TILE, type.kind()),
                () -> assertEquals(List.of(), type.check(DataTileSettingsTest.json(DataTileSettingsTest.INVOICES))),
                () -> assertTrue(type.available(DataTileSettingsTest.json(DataTileSettingsTest.INVOICES))));
    }

    @Test
    void anUnknownOrDisabledAppIsNamed() {
        List<FieldMessage> problems = type.check(settings("app", "billing"));

        assertAll(() -> assertEquals(Map.of("app", "tile.settings.app"), keys(problems)),
                () -> assertEquals(List.of("billing"), problems.get(0).params()));
    }

    @Test
    void theUrlMustLieUnderABaseUrlOfTheApp() {
        assertAll(
                () -> assertEquals(Map.of("url", "tile.settings.url"),
                        keys(type.check(settings("url", "http://localhost:8080/other-app/api/invoices")))),
                () -> assertEquals(Map.of("url", "tile.settings.url"),
                        keys(type.check(settings("url", "http://localhost:8080/demo-app/../admin/api")))),
                () -> assertEquals(Map.of("url", "tile.settings.url"),
                        keys(type.check(settings("url", "https://evil.example/demo-app/api")))),
                () -> assertEquals(List.of(),
                        type.check(settings("url", "http://localhost:8080/demo-app/api/invoices?mine=true"))));
    }

    @Test
    void theRouteMustExistNotBeOneTimeAndHaveTheParameter() {
        assertAll(
                () -> assertEquals(Map.of("route", "tile.settings.route"), keys(type.check(settings("route", "nope")))),
                () -> assertEquals(Map.of("route", "tile.settings.route-one-time"),
                        keys(type.check(settings("route", "offer")))),
                () -> assertEquals(Map.of("param", "tile.settings.param"),
                        keys(type.check(settings("param", "number")))));
    }

    @Test
    void problemsOfFormAndOfDataComeTogether() {
        JsonObject json = Json.createObjectBuilder(settings("app", "billing")).add("route", "nope").add("list", "items")
                .add("limit", 0).build();

        assertEquals(Map.of("app", "tile.settings.app", "route", "tile.settings.route", "list", "tile.settings.pointer",
                "limit", "tile.settings.limit"), keys(type.check(json)));
    }

    @Test
    void notAvailableOnceTheAppOrTheRouteIsGone() {
        JsonObject json = DataTileSettingsTest.json(DataTileSettingsTest.INVOICES);

        apps.clear();
        boolean withoutApp = type.available(json);
        apps.put("demo-app", DEMO_APP);
        routes.remove("invoice");
        boolean withoutRoute = type.available(json);

        assertAll(() -> assertFalse(withoutApp), () -> assertFalse(withoutRoute),
                () -> assertFalse(type.available(settings("list", "items")), "settings that no longer read"),
                () -> assertFalse(type.available(null)));
    }
}

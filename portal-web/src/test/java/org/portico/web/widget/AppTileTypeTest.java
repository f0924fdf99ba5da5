package org.portico.web.widget;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.widget.Directories.fieldsAndKeys;
import static org.portico.web.widget.Directories.json;
import static org.portico.web.widget.Directories.saidInBothLanguages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

class AppTileTypeTest {

    private final Directories directories = new Directories();
    private final AppTileType tile = tile(directories);

    static AppTileType tile(Directories directories) {
        AppTileType tile = new AppTileType();
        tile.links = directories.links();
        return tile;
    }

    private List<String> problems(String settings) {
        List<FieldMessage> problems = tile.check(json(settings));
        assertTrue(saidInBothLanguages(problems), problems::toString);
        return fieldsAndKeys(problems);
    }

    @Test
    void aTileWithARouteAndItsParametersIsValidAndLinksToTheRoute() {
        JsonObject settings = json("{'app': 'demo-app', 'text': 'Invoices and orders', 'icon': 'pi pi-file',"
                + " 'route': 'invoice', 'params': {'id': '042'}}");
        assertAll(
                () -> assertEquals(List.of(), tile.check(settings)),
                () -> assertTrue(tile.available(settings)),
                () -> assertEquals(WidgetKind.APP_TILE, tile.kind()),
                // bound as following the link binds it: the normal form of the whole number
                () -> assertEquals(List.of(new ShownLink(0, null, "invoice", Map.of("id", "42"), false, false, Set.of(),
                        null)), directories.links().links(widget(settings))));
    }

    @Test
    void aParameterMayBeAJsonNumber() {
        assertEquals(List.of(), problems("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': 42}}"));
    }

    @Test
    void aTileWithAUrlUnderTheAppsBaseUrlIsValidAndLinksToIt() {
        JsonObject settings = json("{'app': 'demo-app', 'text': 'The demo app', 'url': 'HTTP://LOCALHOST:8080/demo-app/'}");
        assertAll(
                () -> assertEquals(List.of(), tile.check(settings)),
                () -> assertTrue(tile.available(settings)),
                () -> assertEquals(List.of(new ShownLink(0, null, null, Map.of(), false, false, Set.of(),
                        "http://localhost:8080/demo-app/")), directories.links().links(widget(settings))));
    }

    @Test
    void theAppMustBeRegisteredAndEnabled() {
        directories.apps.remove("billing"); // what the directory shows of a disabled app: nothing
        assertAll(
                () -> assertEquals(List.of("app: widget.app.unknown"),
                        problems("{'app': 'billing', 'url': 'https://billing.example/app'}")),
                () -> assertEquals(List.of("app: widget.app.unknown"),
                        problems("{'app': 'nobody', 'route': 'invoice', 'params': {'id': '42'}}")),
                () -> assertEquals(List.of("app: widget.app.required"),
                        problems("{'route': 'invoice', 'params': {'id': '42'}}")),
                () -> assertEquals(List.of("app: widget.app.required"),
                        problems("{'app': '  ', 'route': 'invoice', 'params': {'id': '42'}}")),
                () -> assertEquals(List.of("app: widget.setting.string"),
                        problems("{'app': 42, 'route': 'invoice', 'params': {'id': '42'}}")));
    }

    @Test
    void exactlyOneOfRouteAndUrl() {
        assertAll(
                () -> assertEquals(List.of("route: widget.target.both"), problems("{'app': 'demo-app', 'route': 'invoice',"
                        + " 'params': {'id': '42'}, 'url': 'http://localhost:8080/demo-app/'}")),
                () -> assertEquals(List.of("route: widget.target.missing"), problems("{'app': 'demo-app'}")),
                () -> assertEquals(List.of("params: widget.params.without-route"),
                        problems("{'app': 'demo-app', 'url': 'http://localhost:8080/demo-app/', 'params': {'id': '1'}}")));
    }

    @Test
    void theRouteMustExist() {
        List<FieldMessage> problems = tile.check(json("{'app': 'demo-app', 'route': 'invoices', 'params': {'id': '42'}}"));
        assertAll(
                () -> assertEquals(List.of("route: widget.route.unknown"), fieldsAndKeys(problems)),
                () -> assertEquals("there is no route 'invoices'; define it under Routes first, or choose another",
                        problems.get(0).message(Locale.ENGLISH)));
    }

    /** The route binds the parameters itself, so the admin reads what following the link would say. */
    @Test
    void theParametersAreCheckedByTheRouteWithItsOwnMessages() {
        List<FieldMessage> wrongType = tile.check(json("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': 'abc'}}"));
        assertAll(
                () -> assertEquals(List.of("params/id: deeplink.parameter.whole-number"), fieldsAndKeys(wrongType)),
                () -> assertEquals("must be a whole number", wrongType.get(0).message(Locale.ENGLISH)),
                () -> assertEquals("muss eine ganze Zahl sein", wrongType.get(0).message(Locale.GERMAN)),
                () -> assertEquals("parameter 'id' must be a whole number", wrongType.get(0).message()),
                () -> assertEquals(List.of("params/id: deeplink.parameter.required"),
                        problems("{'app': 'demo-app', 'route': 'invoice'}")),
                () -> assertEquals(List.of("params/page: deeplink.parameter.not-a-parameter-of-route"),
                        problems("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': '42', 'page': '2'}}")),
                () -> assertEquals(List.of("params/id: deeplink.parameter.uuid"),
                        problems("{'app': 'demo-app', 'route': 'customer', 'params': {'id': '42'}}")),
                () -> assertEquals(List.of("params: widget.params.object"),
                        problems("{'app': 'demo-app', 'route': 'invoice', 'params': ['42']}")),
                () -> assertEquals(List.of("params/id: widget.params.value"),
                        problems("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': true}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/demo-application", "http://localhost:8080/", "https://localhost:8080/demo-app",
            "http://localhost:8081/demo-app", "http://localhost:8080.evil.example/demo-app", "http://user@localhost:8080/demo-app",
            "http://localhost:8080/demo-app/../admin", "javascript:alert(1)", "/demo-app", "http://LOCALHOST.:8080/demo-app"})
    void theUrlMustLieUnderOneOfTheAppsBaseUrls(String url) {
        List<FieldMessage> problems = tile.check(Json.createObjectBuilder().add("app", "demo-app").add("url", url).build());
        assertAll(
                () -> assertEquals(List.of("url: widget.url.outside"), fieldsAndKeys(problems)),
                () -> assertEquals("must lie under a base URL of the app 'demo-app': http://localhost:8080/demo-app",
                        problems.get(0).message(Locale.ENGLISH)));
    }

    @Test
    void aUrlUnderAnotherAppsBaseUrlIsRefused() {
        assertEquals(List.of("url: widget.url.outside"),
                problems("{'app': 'demo-app', 'url': 'https://billing.example/app/invoices'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pi pi-file", "pi pi-check-circle", "pi pi-th-large"})
    void theIconIsAPrimeIconsClass(String icon) {
        assertEquals(List.of(), tile.check(Json.createObjectBuilder().add("app", "demo-app")
                .add("url", "http://localhost:8080/demo-app").add("icon", icon).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pi", "pi-file", "fa fa-file", "pi pi-file extra", "pi pi-File", "pi  pi-file",
            "pi pi-file\" onclick=\"alert(1)", "pi pi-"})
    void anythingElseIsNotAnIcon(String icon) {
        List<FieldMessage> problems = tile.check(Json.createObjectBuilder().add("app", "demo-app")
                .add("url", "http://localhost:8080/demo-app").add("icon", icon).build());
        assertEquals(List.of("icon: widget.icon.pattern"), fieldsAndKeys(problems));
    }

    @Test
    void theTextHasAtMost200Characters() {
        JsonObject longest = Json.createObjectBuilder().add("app", "demo-app").add("url", "http://localhost:8080/demo-app")
                .add("text", "x".repeat(200)).build();
        JsonObject tooLong = Json.createObjectBuilder(longest).add("text", "x".repeat(201)).build();
        List<FieldMessage> problems = tile.check(tooLong);
        assertAll(
                () -> assertEquals(List.of(), tile.check(longest)),
                () -> assertEquals(List.of("text: widget.text.length"), fieldsAndKeys(problems)),
                () -> assertEquals("must be at most 200 characters", problems.get(0).message(Locale.ENGLISH)));
    }

    @Test
    void anUnknownSettingIsReportedNotIgnored() {
        List<FieldMessage> problems = tile.check(json("{'app': 'demo-app', 'rout': 'invoice', 'url': 'http://localhost:8080/demo-app'}"));
        assertAll(
                () -> assertEquals(List.of("rout: widget.setting.unknown"), fieldsAndKeys(problems)),
                () -> assertEquals("is not a setting of this widget; the settings are app, icon, params, route, text, url",
                        problems.get(0).message(Locale.ENGLISH)));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(List.of("colour: widget.setting.unknown", "app: widget.app.unknown", "route: widget.route.unknown",
                        "icon: widget.icon.pattern", "text: widget.setting.string"),
                problems("{'app': 'nobody', 'route': 'nothing', 'icon': 'red', 'text': 1, 'colour': 'red'}"));
    }

    @Test
    void noSettingsAtAll() {
        assertAll(
                () -> assertEquals(List.of("app: widget.app.required", "route: widget.target.missing"), problems("{}")),
                () -> assertEquals(List.of("app: widget.app.required", "route: widget.target.missing"),
                        fieldsAndKeys(tile.check(null))),
                () -> assertFalse(tile.available(null)));
    }

    @Test
    void aTileIsNoLongerAvailableOnceItsAppIsDisabledOrDeleted() {
        JsonObject settings = json("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': '42'}}");
        JsonObject url = json("{'app': 'demo-app', 'url': 'http://localhost:8080/demo-app/'}");
        directories.apps.remove("demo-app");
        assertAll(
                () -> assertFalse(tile.available(settings)),
                () -> assertFalse(tile.available(url)),
                () -> assertEquals(List.of(), directories.links().links(widget(settings))));
    }

    @Test
    void aTileIsNoLongerAvailableOnceItsRouteIsDeletedSwitchedOffOrNoLongerTakesItsParameters() {
        JsonObject settings = json("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': '42'}}");
        assertTrue(tile.available(settings));
        directories.routes.put("invoice", Directories.INVOICE.toBuilder().enabled(false).build());
        assertFalse(tile.available(settings));
        directories.routes.put("invoice", Directories.INVOICE.toBuilder()
                .parameters(List.of(RouteParameter.of("id", ParameterType.UUID))).build());
        assertFalse(tile.available(settings));
        directories.routes.remove("invoice");
        assertFalse(tile.available(settings));
    }

    @Test
    void aUrlTileIsNoLongerAvailableOnceTheAppsBaseUrlsNoLongerCoverIt() {
        JsonObject settings = json("{'app': 'demo-app', 'url': 'http://localhost:8080/demo-app/'}");
        directories.apps.put("demo-app", Directories.app("demo-app", "Demo app", "https://demo.example"));
        assertFalse(tile.available(settings));
    }

    @Test
    void aFailingDirectoryMakesTheTileUnavailableInsteadOfBreakingThePage() {
        AppTileType broken = new AppTileType();
        broken.links = new WidgetLinks(directories, name -> {
            throw new IllegalStateException("database down");
        });
        JsonObject settings = json("{'app': 'demo-app', 'route': 'invoice', 'params': {'id': '42'}}");
        assertAll(
                () -> assertFalse(broken.available(settings)),
                () -> assertEquals(List.of(), broken.links.links(widget(settings))));
    }

    @Test
    void aOneTimeRouteIsShownAsOneTimeAndANewTabRouteAsNewTab() {
        WidgetLinks links = directories.links();
        assertAll(
                () -> assertTrue(links.links(widget(json("{'app': 'demo-app', 'route': 'welcome-offer'}"))).get(0).oneTime()),
                () -> assertTrue(links.links(widget(json("{'app': 'demo-app', 'route': 'customer',"
                        + " 'params': {'id': '123E4567-E89B-12D3-A456-426614174000'}}"))).get(0).newTab()),
                () -> assertEquals(Optional.of("Demo app"), links.appName("demo-app")),
                () -> assertEquals(Optional.empty(), links.appName("nobody")));
    }

    @Test
    void aRouteWithRolesIsFollowedOnlyWithOneOfThem() {
        ShownLink report = directories.links().links(widget(json("{'app': 'demo-app', 'route': 'admin-report'}"))).get(0);
        assertAll(
                () -> assertTrue(report.mayFollow(Set.of("end-user", "site-admin"))),
                () -> assertFalse(report.mayFollow(Set.of("end-user"))),
                () -> assertFalse(report.mayFollow(Set.of("guest"))));
    }

    static Widget widget(JsonObject settings) {
        return new Widget("w1", WidgetKind.APP_TILE, "", 4, Set.of(), false, settings);
    }

}

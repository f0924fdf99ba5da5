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
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

class LinksListTypeTest {

    private static final String INVOICE = "{'label': 'Invoice 42', 'route': 'invoice', 'params': {'id': '42'}}";
    private static final String DEMO_APP = "{'label': 'Demo app', 'app': 'demo-app', 'url': 'http://localhost:8080/demo-app/'}";
    private static final String OFFER = "{'label': 'Your offer', 'route': 'welcome-offer'}";

    private final Directories directories = new Directories();
    private final LinksListType list = list(directories);

    static LinksListType list(Directories directories) {
        LinksListType list = new LinksListType();
        list.links = directories.links();
        return list;
    }

    private List<String> problems(String settings) {
        List<FieldMessage> problems = list.check(json(settings));
        assertTrue(saidInBothLanguages(problems), problems::toString);
        return fieldsAndKeys(problems);
    }

    private static JsonObject links(String... entries) {
        return json("{'links': [" + String.join(", ", entries) + "]}");
    }

    private List<ShownLink> shown(JsonObject settings) {
        return directories.links().links(new Widget("w2", WidgetKind.LINKS_LIST, "Links", 6, Set.of(), false,
                settings));
    }

    @Test
    void routesAndAppUrlsMakeAValidListShownInOrder() {
        JsonObject settings = links(INVOICE, DEMO_APP, OFFER);
        assertAll(
                () -> assertEquals(List.of(), list.check(settings)),
                () -> assertTrue(list.available(settings)),
                () -> assertEquals(WidgetKind.LINKS_LIST, list.kind()),
                () -> assertEquals(List.of(
                        new ShownLink(0, "Invoice 42", "invoice", Map.of("id", "42"), false, false, Set.of(), null),
                        new ShownLink(1, "Demo app", null, Map.of(), false, false, Set.of(), "http://localhost:8080/demo-app/"),
                        new ShownLink(2, "Your offer", "welcome-offer", Map.of(), true, false, Set.of(), null)),
                        shown(settings)));
    }

    @Test
    void oneToTwentyLinks() {
        JsonArrayBuilder twenty = Json.createArrayBuilder();
        for (int i = 0; i < 20; i++) {
            twenty.add(json(INVOICE));
        }
        JsonObject most = Json.createObjectBuilder().add("links", twenty).build();
        JsonObject tooMany = Json.createObjectBuilder().add("links", Json.createArrayBuilder(most.getJsonArray("links"))
                .add(json(INVOICE))).build();
        List<FieldMessage> problems = list.check(tooMany);
        assertAll(
                () -> assertEquals(List.of(), list.check(most)),
                () -> assertEquals(List.of("links: widget.links.count"), fieldsAndKeys(problems)),
                () -> assertEquals("must be a list of 1 to 20 links", problems.get(0).message(Locale.ENGLISH)),
                () -> assertEquals(List.of("links: widget.links.count"), problems("{'links': []}")),
                () -> assertEquals(List.of("links: widget.links.count"), problems("{}")),
                () -> assertEquals(List.of("links: widget.links.count"), problems("{'links': {'label': 'x'}}")),
                () -> assertEquals(List.of("link: widget.setting.unknown", "links: widget.links.count"),
                        problems("{'link': [" + INVOICE + "]}")));
    }

    @Test
    void eachProblemIsReportedAtItsEntrysPlace() {
        List<String> problems = problems("{'links': [" + INVOICE + ", 'Invoice 43',"
                + " {'label': 'Invoice 44', 'route': 'invoice', 'params': {'id': 'x'}},"
                + " {'label': 'Demo', 'url': 'http://localhost:8080/demo-app/'},"
                + " {'label': 'Billing', 'app': 'demo-app', 'url': 'https://billing.example/app'},"
                + " {'label': 'Nowhere', 'app': 'nobody', 'url': 'https://nobody.example'},"
                + " {'label': 'Gone', 'route': 'invoices', 'params': {'id': '42'}},"
                + " {'label': 'Both', 'route': 'invoice', 'params': {'id': '42'}, 'app': 'demo-app', 'url': 'http://localhost:8080/demo-app'},"
                + " {'label': 'Neither'},"
                + " {'lable': 'Typo', 'route': 'welcome-offer'}]}");
        assertEquals(List.of(
                "links/1: widget.links.entry",
                "links/2/params/id: deeplink.parameter.whole-number",
                "links/3/app: widget.app.required",
                "links/4/url: widget.url.outside",
                "links/5/app: widget.app.unknown",
                "links/6/route: widget.route.unknown",
                "links/7/route: widget.target.both",
                "links/8/route: widget.target.missing",
                "links/9/lable: widget.setting.unknown",
                "links/9/label: widget.links.label"), problems);
    }

    @Test
    void aLabelHasOneTo100Characters() {
        JsonObject longest = Json.createObjectBuilder().add("links", Json.createArrayBuilder().add(
                Json.createObjectBuilder(json(OFFER)).add("label", "x".repeat(100)))).build();
        JsonObject tooLong = Json.createObjectBuilder().add("links", Json.createArrayBuilder().add(
                Json.createObjectBuilder(json(OFFER)).add("label", "x".repeat(101)))).build();
        assertAll(
                () -> assertEquals(List.of(), list.check(longest)),
                () -> assertEquals(List.of("links/0/label: widget.links.label"), fieldsAndKeys(list.check(tooLong))),
                () -> assertEquals(List.of("links/0/label: widget.links.label"),
                        problems("{'links': [{'label': ' ', 'route': 'welcome-offer'}]}")),
                () -> assertEquals(List.of("links/0/label: widget.setting.string"),
                        problems("{'links': [{'label': 42, 'route': 'welcome-offer'}]}")));
    }

    @Test
    void entriesWhoseRouteOrAppVanishedAreLeftOutAndTheListStaysAvailableWhileOneRemains() {
        JsonObject settings = links(INVOICE, DEMO_APP, OFFER);
        directories.routes.remove("invoice");
        assertEquals(List.of(1, 2), shown(settings).stream().map(ShownLink::index).toList());
        directories.apps.remove("demo-app");
        assertEquals(List.of(2), shown(settings).stream().map(ShownLink::index).toList());
        assertTrue(list.available(settings));
        directories.routes.put("welcome-offer", Directories.OFFER.toBuilder().enabled(false).build());
        assertAll(
                () -> assertEquals(List.of(), shown(settings)),
                () -> assertFalse(list.available(settings)));
    }

    @Test
    void settingsThatAreNotAListShowNothing() {
        assertAll(
                () -> assertFalse(list.available(null)),
                () -> assertFalse(list.available(json("{'links': 'x'}"))),
                () -> assertEquals(List.of(), shown(json("{'links': ['x', 42]}"))));
    }
}

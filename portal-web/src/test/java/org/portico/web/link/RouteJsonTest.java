package org.portico.web.link;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteJsonTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static JsonValue parse(String json) {
        return Json.createReader(new StringReader(json.replace('\'', '"'))).readValue();
    }

    private static LinkRoute full() {
        return LinkRoute.builder("invoice")
                .description("An invoice")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.oneOf("view", List.of("short", "long, with lines")).optional())
                .parameter(RouteParameter.matching("key", "[A-Z]{2}-[0-9]+").optional())
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{id}?view={view}#{key}"))
                .roles("end-user", "content-editor")
                .enabled(false)
                .validFrom(Instant.parse("2030-01-01T00:00:00Z"))
                .validUntil(Instant.parse("2030-12-31T23:59:59.123456Z"))
                .window(LinkWindow.NEW_TAB)
                .oneTime(true)
                .tokenLifetime(Duration.ofSeconds(45))
                .claims(UserClaim.ROLES, UserClaim.NAME)
                .tokenPlacement(TokenPlacement.QUERY)
                .build();
    }

    private static RouteDraft read(String json, List<RouteProblem> problems) {
        return RouteJson.read(parse(json), problems);
    }

    private static List<String> fields(List<RouteProblem> problems) {
        return problems.stream().map(RouteProblem::field).toList();
    }

    @Test
    void aWrittenRouteReadsBackEqual() {
        LinkRoute route = full();
        JsonObject json = RouteJson.write(new StoredRoute(route, NOW)).build();
        List<RouteProblem> problems = new ArrayList<>();

        RouteDraft draft = RouteJson.read(json, problems);

        assertAll(
                () -> assertEquals(List.of(), problems, "read-only fields are ignored, not problems"),
                () -> assertEquals(route, draft.build()),
                () -> assertEquals("/link/invoice/42", json.getString("sampleUrl")),
                () -> assertEquals("int", json.getJsonArray("parameters").getJsonObject(0).getString("type")),
                () -> assertEquals("new_tab", json.getString("window")),
                () -> assertEquals("query", json.getString("tokenPlacement")),
                () -> assertEquals(45, json.getInt("tokenLifetimeSeconds")),
                () -> assertEquals(List.of("name", "roles"), json.getJsonArray("claims").getValuesAs(jakarta.json.JsonString::getString)),
                () -> assertEquals(List.of("content-editor", "end-user"), json.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString)));
    }

    @Test
    void aPorticoPageIsATargetWithAPath() {
        List<RouteProblem> problems = new ArrayList<>();
        RouteDraft draft = read("{'name': 'home', 'target': {'path': '/home.xhtml'}, 'guestsAllowed': true}", problems);
        JsonObject written = RouteJson.definition(new StoredRoute(draft.build(), NOW)).build();

        assertAll(
                () -> assertEquals(List.of(), problems),
                () -> assertEquals(new RouteTarget.PortalPage("/home.xhtml"), draft.target()),
                () -> assertEquals(parse("{'path': '/home.xhtml'}"), written.get("target")),
                () -> assertEquals(JsonValue.NULL, written.get("validFrom")));
    }

    @Test
    void missingFieldsTakeTheBuildersDefaults() {
        List<RouteProblem> problems = new ArrayList<>();
        RouteDraft draft = read("{'name': 'r', 'target': {'appId': 'billing', 'template': 'https://b.example/'},"
                + " 'parameters': [{'name': 'id', 'type': 'int'}]}", problems);
        LinkRoute expected = LinkRoute.builder("r").parameter(RouteParameter.of("id", ParameterType.INT))
                .target(new RouteTarget.AppUrl("billing", "https://b.example/")).build();

        assertAll(
                () -> assertEquals(List.of(), problems),
                () -> assertEquals(expected, draft.build()));
    }

    @Test
    void offsetsAreReadAsInstants() {
        List<RouteProblem> problems = new ArrayList<>();
        RouteDraft draft = read("{'name': 'r', 'target': {'path': '/x'}, 'validFrom': '2030-01-31T09:00:00+01:00',"
                + " 'validUntil': null}", problems);
        assertAll(
                () -> assertEquals(Instant.parse("2030-01-31T08:00:00Z"), draft.validFrom()),
                () -> assertNull(draft.validUntil()));
    }

    @Test
    void valuesOfTheWrongTypeAreProblemsOfTheirField() {
        List<RouteProblem> problems = new ArrayList<>();
        read("{'name': 7, 'description': [], 'parameters': [{'name': 'a', 'type': 'number', 'required': 'yes',"
                + " 'maxLength': 1.5, 'values': [1]}, 'oops'], 'target': {'path': '/x'}, 'guestsAllowed': 1,"
                + " 'roles': 'end-user', 'enabled': null, 'validFrom': 'tomorrow', 'window': 'popup', 'oneTime': 'no',"
                + " 'tokenLifetimeSeconds': 99999999999, 'claims': ['name', 'phone'], 'tokenPlacement': 'header'}", problems);

        assertEquals(List.of("tokenLifetimeSeconds", "name", "description", "parameters[0].maxLength",
                "parameters[0].type", "parameters[0].required", "parameters[0].values", "parameters[1].name",
                "guestsAllowed", "roles", "validFrom", "window", "oneTime", "claims", "tokenPlacement"),
                fields(problems), problems::toString);
        assertAll(
                () -> assertEquals("must be string, int, uuid, enum or pattern", problems.get(4).message()),
                () -> assertEquals("must be an ISO 8601 date and time with offset, e.g. 2030-01-31T09:00:00Z",
                        problems.get(10).message()),
                () -> assertEquals("knows name, email and roles, not 'phone'", problems.get(13).message()));
    }

    @Test
    void unknownFieldsAreProblemsSoThatATypoLosesNothing() {
        List<RouteProblem> problems = new ArrayList<>();
        read("{'name': 'r', 'tokenLifetme': 30, 'target': {'path': '/x', 'query': 'a'},"
                + " 'parameters': [{'name': 'id', 'type': 'int', 'min': 1}]}", problems);

        assertEquals(List.of("tokenLifetme", "parameters[0].min", "target.query"), fields(problems), problems::toString);
        assertTrue(problems.get(0).message().startsWith("is not a field here; the fields are claims, description"),
                problems.get(0).message());
    }

    @Test
    void aTargetIsEitherAPageOrAnApp() {
        List<RouteProblem> both = new ArrayList<>();
        List<RouteProblem> text = new ArrayList<>();
        RouteDraft mixed = read("{'name': 'r', 'target': {'path': '/x', 'appId': 'billing'}}", both);
        read("{'name': 'r', 'target': 'https://b.example/'}", text);
        RouteDraft appOnly = read("{'name': 'r', 'target': {'appId': 'billing'}}", new ArrayList<>());

        assertAll(
                () -> assertEquals(List.of("target"), fields(both)),
                () -> assertNull(mixed.target()),
                () -> assertEquals(List.of("target"), fields(text)),
                () -> assertEquals(new RouteTarget.AppUrl("billing", ""), appOnly.target(),
                        "a missing template is empty: the route says what it must be"),
                () -> assertEquals(List.of("target.template"), fields(appOnly.problems())));
    }

    @Test
    void aRouteThatIsNotAnObjectIsAProblem() {
        List<RouteProblem> problems = new ArrayList<>();
        RouteDraft draft = read("[1]", problems);
        assertAll(
                () -> assertEquals(List.of("name"), fields(problems)),
                () -> assertNull(draft.name()));
    }

    @Test
    void anExportFileHasAFormatAndAVersionAndReadsBack() {
        StoredRoute one = new StoredRoute(full(), NOW);
        StoredRoute two = new StoredRoute(LinkRoute.builder("home").target(new RouteTarget.PortalPage("/home.xhtml"))
                .guestsAllowed(true).build(), NOW);
        JsonObject file = RouteJson.document(List.of(one, two), NOW);

        RouteJson.Document read = RouteJson.readDocument(file);

        assertAll(
                () -> assertEquals("portico-link-routes", file.getString("format")),
                () -> assertEquals(1, file.getInt("formatVersion")),
                () -> assertEquals("2026-05-01T10:00:00Z", file.getString("exportedAt")),
                () -> assertTrue(!file.getJsonArray("routes").getJsonObject(0).containsKey("version"), "definitions only"),
                () -> assertEquals(List.of(), read.problems()),
                () -> assertEquals(List.of(full(), two.toRoute()), read.routes().stream().map(RouteDraft::build).toList()));
    }

    @Test
    void problemsOfAnExportFileNameTheRouteByIndex() {
        RouteJson.Document document = RouteJson.readDocument(parse("{'format': 'csv', 'formatVersion': 2, 'extra': 1,"
                + " 'routes': [{'name': 'ok', 'target': {'path': '/x'}}, {'name': 'bad', 'window': 3}, 'x']}"));
        RouteJson.Document notAnArray = RouteJson.readDocument(parse("{'format': 'portico-link-routes',"
                + " 'formatVersion': 1, 'routes': {}}"));
        RouteJson.Document notAnObject = RouteJson.readDocument(parse("[]"));

        assertAll(
                () -> assertEquals(List.of("format", "formatVersion", "extra", "routes[1].window", "routes[2].name"),
                        fields(document.problems())),
                () -> assertEquals(3, document.routes().size()),
                () -> assertEquals(List.of("routes"), fields(notAnArray.problems())),
                () -> assertEquals(List.of("routes"), fields(notAnObject.problems())));
    }

    @Test
    void enumValuesSurviveTheirOneColumnExactly() {
        LinkRoute route = LinkRoute.builder("r")
                .parameter(RouteParameter.oneOf("v", List.of("a, b", " spaced ", "ü", "x;y")))
                .target(new RouteTarget.PortalPage("/x/{v}")).build();
        assertEquals(route, new StoredRoute(route, NOW).toRoute());
    }

    @Test
    void theSampleUrlFillsObviousValuesAndLeavesTheOthersNamed() {
        StoredRoute route = new StoredRoute(LinkRoute.builder("mixed")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.of("customer", ParameterType.UUID))
                .parameter(RouteParameter.oneOf("period", List.of("this week", "day")))
                .parameter(RouteParameter.matching("key", "[A-Z]+"))
                .parameter(RouteParameter.of("page", ParameterType.INT).optional())
                .target(new RouteTarget.PortalPage("/x")).build(), NOW);

        assertAll(
                () -> assertEquals("/link/mixed/42/123e4567-e89b-12d3-a456-426614174000/this%20week/{key}",
                        RouteSamples.sampleUrl(route)),
                () -> assertEquals("/link/mixed/a%2Fb/c%3Fd", RouteSamples.link("mixed", List.of("a/b", "c?d", "", "e")),
                        "values are encoded path segments; an empty value ends the link"));
    }
}

package org.portico.web.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portico.deeplink.link.InvalidRouteException;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.RouteText;

import jakarta.json.Json;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes area's text in the bundle: the core's {@link RouteText}s say in English exactly what they said before
 * they became keys, German has its own text for each, and every key of the area ({@code deeplink.route.*},
 * {@code problem.route.*}) is in both files; a problem portal-web finds reads as before in English and in German.
 */
class RouteTextsTest {

    private static Properties file(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RouteTextsTest.class.getResourceAsStream("/org/portico/web/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> areaKeys(Properties properties) {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("deeplink.route.") || key.startsWith("problem.route.")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @ParameterizedTest
    @EnumSource(RouteText.class)
    void theEnglishBundleSaysWhatTheCoreSays(RouteText text) throws IOException {
        assertEquals(text.english(), file("messages.properties").getProperty(text.key()), text.key());
    }

    @ParameterizedTest
    @EnumSource(RouteText.class)
    void germanHasItsOwnText(RouteText text) throws IOException {
        String german = file("messages_de.properties").getProperty(text.key());
        assertAll(
                () -> assertTrue(german != null && !german.isBlank(), text.key()),
                () -> assertNotEquals(text.english(), german, text.key()));
    }

    @Test
    void everyKeyOfTheAreaIsInBothLanguagesAndGermanSaysItsOwn() throws IOException {
        Properties englishFile = file("messages.properties");
        Properties germanFile = file("messages_de.properties");
        Set<String> english = areaKeys(englishFile);
        List<String> untranslated = new ArrayList<>();
        for (String key : english) {
            if (englishFile.getProperty(key).equals(germanFile.getProperty(key))) {
                untranslated.add(key);
            }
        }
        assertAll(
                () -> assertTrue(english.size() > 60, "the area's keys: " + english.size()),
                () -> assertEquals(english, areaKeys(germanFile)),
                () -> assertEquals(List.of(), untranslated, "German says the same as English"));
    }

    @Test
    void theCoresProblemsReadAsBeforeInEnglishAndInGerman() {
        List<RouteProblem> problems = assertThrows(InvalidRouteException.class, () -> LinkRoute.builder("r")
                .parameter(RouteParameter.matching("code", "(a)\\1"))
                .target(new RouteTarget.AppUrl("billing", "https://{host}/x"))
                .tokenLifetime(java.time.Duration.ofSeconds(5))
                .build()).problems();

        assertAll(
                () -> assertEquals("target.template: {host} is not a declared parameter", problems.get(1).toString()),
                () -> assertEquals("{host} ist kein deklarierter Parameter",
                        RouteProblems.format(Locale.GERMAN, problems.get(1))),
                () -> assertEquals("placeholders may be used in the path, query or fragment, never in the host",
                        RouteProblems.format(Locale.ENGLISH, problems.get(2))),
                () -> assertEquals("muss eine ganze Zahl von Sekunden zwischen 10 und 3600 sein (Standard: 120)",
                        RouteProblems.format(Locale.GERMAN, problems.get(3))),
                () -> assertTrue(RouteProblems.format(Locale.GERMAN, problems.get(0))
                        .startsWith("verwendet ein Konstrukt, das Portico nicht ausführt ("), problems.get(0).toString()),
                () -> assertTrue(RouteProblems.format(Locale.GERMAN, problems.get(0))
                        .contains("Rückverweise wie \\1, Lookarounds wie (?=…)"), problems.get(0).toString()),
                () -> assertEquals(problems.get(0).message(), RouteProblems.format(Locale.ENGLISH, problems.get(0))));
    }

    @Test
    void aProblemOfTheJsonReadsAsBeforeInEnglishAndInGerman() {
        List<RouteProblem> problems = new ArrayList<>();
        RouteJson.read(Json.createReader(new java.io.StringReader("""
                {"name": 7, "parameters": [{"name": "id", "type": "float"}], "claims": ["phone"], "window": "popup",
                 "validFrom": "tomorrow", "target": {"path": "/p"}}""")).readValue(), problems);

        List<String> german = problems.stream().map(p -> p.field() + ": " + RouteProblems.format(Locale.GERMAN, p)).toList();
        assertAll(
                () -> assertEquals(List.of("name: must be a string",
                        "parameters[0].type: must be string, int, uuid, enum or pattern",
                        "validFrom: must be an ISO 8601 date and time with offset, e.g. 2030-01-31T09:00:00Z",
                        "window: must be same_tab or new_tab",
                        "claims: knows name, email and roles, not 'phone'"),
                        problems.stream().map(RouteProblem::toString).toList()),
                () -> assertEquals(List.of("name: muss eine Zeichenkette sein",
                        "parameters[0].type: muss string, int, uuid, enum oder pattern sein",
                        "validFrom: muss ein Datum mit Uhrzeit und Zeitzonenversatz nach ISO 8601 sein, z. B. 2030-01-31T09:00:00Z",
                        "window: muss same_tab oder new_tab sein",
                        "claims: kennt name, email und roles, nicht 'phone'"), german));
    }

    @Test
    void aProblemIsARefusedFieldThatFollowsTheReadersLanguage() {
        RouteProblem problem = RouteProblems.of("routes[1].name", "problem.route.name-twice-in-file", "invoice", 0);
        var field = RouteProblems.fieldMessage(problem);

        assertAll(
                () -> assertEquals("'invoice' is also the name of routes[0]; each route may appear once", problem.message()),
                () -> assertEquals("routes[1].name", field.field()),
                () -> assertEquals(problem.message(), field.message(Locale.ENGLISH)),
                () -> assertEquals("„invoice“ ist auch der Name von routes[0]; jede Route darf nur einmal vorkommen",
                        field.message(Locale.GERMAN)));
    }

    /** The type's own problem, not the JSON's: what the form shows when no type is chosen. */
    @Test
    void aParameterWithoutATypeIsToldInGerman() {
        RouteProblem problem = assertThrows(InvalidRouteException.class, () -> LinkRoute.builder("r")
                .parameter(new RouteParameter("id", null, true, List.of(), null, 200))
                .target(new RouteTarget.PortalPage("/x")).build()).problems().get(0);
        assertEquals("muss einer der Typen string, int, uuid, enum, pattern sein",
                RouteProblems.format(Locale.GERMAN, problem));
    }
}

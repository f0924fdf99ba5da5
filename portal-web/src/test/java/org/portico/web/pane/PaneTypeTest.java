package org.portico.web.pane;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.portico.web.app.AppService;
import org.portico.web.app.AppsChanged;
import org.portico.web.app.RegisteredApp;
import org.portico.web.app.SandboxFlag;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;
import org.portico.web.settings.PorticoIssuer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaneTypeTest {

    private static final String PORTICO = "http://127.0.0.1:8480";

    /** The registry as the pane sees it: apps by id. */
    private static final class Apps extends AppService {
        final Map<String, RegisteredApp> byId = new HashMap<>();

        @Override
        public Optional<RegisteredApp> findById(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    private final Apps apps = new Apps();
    private final PaneType type = new PaneType(apps, PorticoIssuer.parse(PORTICO));

    private RegisteredApp register(String id, boolean enabled, boolean framed, List<String> baseUrls,
                                   SandboxFlag... flags) {
        RegisteredApp app = new RegisteredApp(id, Instant.EPOCH);
        app.setName("App " + id);
        app.setBaseUrls(baseUrls);
        app.setEnabled(enabled);
        app.setMayBeFramed(framed);
        app.setSandboxFlags(flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags));
        apps.byId.put(id, app);
        return app;
    }

    private RegisteredApp demo() {
        return register("demo-app", true, true, List.of(PORTICO + "/demo-app", "http://localhost:8480/demo-app"),
                SandboxFlag.ALLOW_SCRIPTS, SandboxFlag.ALLOW_SAME_ORIGIN, SandboxFlag.ALLOW_FORMS);
    }

    private static JsonObject pane(String app, String url, Object height) {
        var settings = Json.createObjectBuilder();
        if (app != null) {
            settings.add("app", app);
        }
        if (url != null) {
            settings.add("url", url);
        }
        if (height instanceof Integer number) {
            settings.add("height", number);
        } else if (height instanceof String text) {
            settings.add("height", text);
        }
        return settings.build();
    }

    private static List<String> fields(List<FieldMessage> errors) {
        return errors.stream().map(FieldMessage::field).toList();
    }

    @Test
    void aPaneOfAFramedAppUnderItsBaseUrlIsValidAndFramesItsOrigin() {
        demo();
        JsonObject settings = pane("demo-app", "http://LOCALHOST:8480/demo-app/pane?x=1", 420);

        PaneFrame frame = type.frame(settings).orElseThrow();
        assertAll(
                () -> assertEquals(WidgetKind.APP_PANE, type.kind()),
                () -> assertEquals(List.of(), type.check(settings)),
                () -> assertTrue(type.available(settings)),
                () -> assertEquals(Set.of("http://localhost:8480"), type.frameOrigins(settings)),
                () -> assertEquals("http://localhost:8480/demo-app/pane?x=1", frame.src()),
                () -> assertEquals("http://localhost:8480", frame.origin()),
                () -> assertEquals("allow-scripts allow-same-origin allow-forms", frame.sandbox()),
                () -> assertEquals(420, frame.height()),
                () -> assertEquals("App demo-app", frame.appName()));
    }

    @Test
    void theHeightDefaultsAndMustBeAWholeNumberInRange() {
        demo();
        String url = "http://localhost:8480/demo-app/pane";

        assertAll(
                () -> assertEquals(PaneSettings.DEFAULT_HEIGHT, type.frame(pane("demo-app", url, null)).orElseThrow().height()),
                () -> assertEquals(List.of(), type.check(pane("demo-app", url, 120))),
                () -> assertEquals(List.of(), type.check(pane("demo-app", url, 2000))),
                () -> assertEquals(List.of("height"), fields(type.check(pane("demo-app", url, 119)))),
                () -> assertEquals(List.of("height"), fields(type.check(pane("demo-app", url, 2001)))),
                () -> assertEquals(List.of("height"), fields(type.check(pane("demo-app", url, "420")))),
                () -> assertEquals(List.of("height"), fields(type.check(Json.createObjectBuilder(pane("demo-app", url, null))
                        .add("height", 420.5).build()))),
                () -> assertEquals("The height is a whole number of pixels from 120 to 2000; got 119.",
                        type.check(pane("demo-app", url, 119)).get(0).message()),
                () -> assertFalse(type.available(pane("demo-app", url, 5000))));
    }

    @Test
    void missingKeysAreReportedTogether() {
        assertEquals(List.of("app", "url", "height"), fields(type.check(pane(null, null, 1))));
        assertEquals(List.of("app", "url"), fields(type.check(Json.createObjectBuilder().add("app", 7).add("url", true).build())));
        assertEquals(List.of("app", "url"), fields(type.check(null)));
    }

    @Test
    void aWrongHeightDoesNotHideAUrlOutsideTheApp() {
        demo();
        assertEquals(List.of("height", "url"), fields(type.check(pane("demo-app", "https://elsewhere.example/", 5))));
    }

    @Test
    void theAppMustExistBeEnabledAndMayBeFramed() {
        register("off", false, true, List.of("https://off.example"));
        register("plain", true, false, List.of("https://plain.example"));

        List<FieldMessage> unknown = type.check(pane("nope", "https://nope.example/", 300));
        List<FieldMessage> disabled = type.check(pane("off", "https://off.example/", 300));
        List<FieldMessage> notFramed = type.check(pane("plain", "https://plain.example/", 300));
        assertAll(
                () -> assertEquals(List.of("app"), fields(unknown)),
                () -> assertEquals("pane.problem.app.unknown", unknown.get(0).key()),
                () -> assertEquals(List.of("app"), fields(disabled)),
                () -> assertEquals("pane.problem.app.disabled", disabled.get(0).key()),
                () -> assertEquals(List.of("app"), fields(notFramed)),
                () -> assertEquals("The app 'plain' may not be framed; allow framing for it under Apps first, or choose"
                        + " another.", notFramed.get(0).message()),
                () -> assertTrue(notFramed.get(0).message(Locale.GERMAN).startsWith("Die App 'plain' darf nicht eingebettet")),
                // The app's problem is told even when the URL is missing as well.
                () -> assertEquals(List.of("url", "app"), fields(type.check(pane("plain", null, 300)))),
                () -> assertFalse(type.available(pane("nope", "https://nope.example/", 300))),
                () -> assertFalse(type.available(pane("off", "https://off.example/", 300))),
                () -> assertFalse(type.available(pane("plain", "https://plain.example/", 300))),
                () -> assertEquals(Set.of(), type.frameOrigins(pane("plain", "https://plain.example/", 300))));
    }

    @Test
    void theUrlMustLieUnderOneOfTheAppsBaseUrls() {
        demo();
        List<String> outside = List.of("http://localhost:8480/demo-application", "http://localhost:8481/demo-app/pane",
                "https://localhost:8480/demo-app/pane", "javascript:alert(1)//localhost:8480/demo-app",
                "http://localhost:8480/demo-app/../admin/", "//localhost:8480/demo-app/pane", "not a url");

        assertAll(outside.stream().map(url -> () -> {
            List<FieldMessage> errors = type.check(pane("demo-app", url, 300));
            assertEquals(List.of("url"), fields(errors), url);
            assertEquals("pane.problem.url.outside", errors.get(0).key(), url);
            assertFalse(type.available(pane("demo-app", url, 300)), url);
        }));
    }

    /** On Portico's own origin, a pane that runs scripts and keeps its origin could lift its sandbox: refused. */
    @Test
    void aPaneOnPorticosOriginMayNotCombineScriptsWithSameOrigin() {
        demo();
        register("strict", true, true, List.of(PORTICO + "/strict"), SandboxFlag.ALLOW_SCRIPTS);
        JsonObject sameOrigin = pane("demo-app", PORTICO + "/demo-app/pane", 300);

        List<FieldMessage> errors = type.check(sameOrigin);
        assertAll(
                () -> assertEquals(List.of("url"), fields(errors)),
                () -> assertTrue(errors.get(0).message().startsWith("The URL is on Portico's own origin (" + PORTICO + ")"),
                        errors.get(0).message()),
                () -> assertFalse(type.available(sameOrigin)),
                () -> assertEquals(Set.of(), type.frameOrigins(sameOrigin)),
                // Scripts alone keep the frame in an opaque origin: fine on Portico's origin.
                () -> assertEquals(List.of(), type.check(pane("strict", PORTICO + "/strict/page", 300))));
    }

    /** A saved pane whose app later stops being frameable, or is deleted, is no longer shown, and nothing throws. */
    @Test
    void aPaneVanishesWhenItsAppIsNoLongerFrameable() {
        RegisteredApp app = demo();
        JsonObject settings = pane("demo-app", "http://localhost:8480/demo-app/pane", 300);
        assertTrue(type.available(settings));

        // Each change is announced once committed, as AppService does (AppsChanged): frames are kept until then.
        app.setMayBeFramed(false);
        type.forget(new AppsChanged("demo-app"));
        boolean afterFramingOff = type.available(settings);
        app.setMayBeFramed(true);
        app.setBaseUrls(List.of(PORTICO + "/demo-app"));
        type.forget(new AppsChanged("demo-app"));
        boolean afterBaseUrlGone = type.available(settings);
        apps.byId.clear();
        type.forget(new AppsChanged("demo-app"));

        assertAll(
                () -> assertFalse(afterFramingOff),
                () -> assertFalse(afterBaseUrlGone),
                () -> assertFalse(type.available(settings)),
                () -> assertEquals(Optional.empty(), type.frame(settings)));
    }
}

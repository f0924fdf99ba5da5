package org.portico.web.problem;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteText;
import org.portico.web.app.AppRejectedException;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.user.UserRejectedException;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refusals' texts come from the bundle: English word for word as they were written in Java before (the API's
 * clients and the audit log read them), German beside it.
 */
class RejectedExceptionTest {

    /** The English text of "app in use" as the code wrote it before it came from the bundle. */
    private static String inUseAsBefore(String id, List<String> routes) {
        return "The app '" + id + "' can't be deleted: the link route" + (routes.size() == 1 ? " " : "s ")
                + routes.stream().limit(20).map(route -> "'" + route + "'").collect(Collectors.joining(", "))
                + (routes.size() > 20 ? " and " + (routes.size() - 20) + " more" : "")
                + (routes.size() == 1 ? " leads" : " lead") + " into it. Delete "
                + (routes.size() == 1 ? "that route" : "those routes") + " or point "
                + (routes.size() == 1 ? "it" : "them") + " at another target under Routes first,"
                + " or disable the app instead.";
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 20, 21, 1234})
    void anAppInUseNamesItsRoutesInEnglishAsBefore(int count) {
        List<String> routes = IntStream.rangeClosed(1, count).mapToObj(i -> "route-" + i).toList();
        AppRejectedException.AppInUse refusal = new AppRejectedException.AppInUse("billing", routes);
        assertAll(
                () -> assertEquals(inUseAsBefore("billing", routes), refusal.getMessage()),
                () -> assertEquals(refusal.getMessage(), refusal.message(Locale.ENGLISH)),
                () -> assertEquals(409, refusal.status()),
                () -> assertEquals("app-conflict", refusal.type()));
    }

    @Test
    void anAppInUseSpeaksGermanInSingularAndPlural() {
        assertAll(
                () -> assertEquals("Die App 'billing' kann nicht gelöscht werden: die Link-Route 'invoice' führt in sie"
                                + " hinein. Löschen Sie zuerst diese Route oder richten Sie sie unter „Routen“ auf ein anderes"
                                + " Ziel, oder deaktivieren Sie stattdessen die App.",
                        new AppRejectedException.AppInUse("billing", List.of("invoice")).message(Locale.GERMAN)),
                () -> assertTrue(new AppRejectedException.AppInUse("billing", List.of("a", "b")).message(Locale.GERMAN)
                        .contains("die Link-Routen 'a', 'b' führen in sie hinein. Löschen Sie zuerst diese Routen")));
    }

    @Test
    void theOtherRefusalsReadAsBeforeInEnglish() {
        assertAll(
                () -> assertEquals("The username 'bob' is already taken. Choose another one.",
                        new UserRejectedException.UsernameTaken("bob").getMessage()),
                () -> assertEquals("There is no user with id 12345. Reload the list; it may have changed.",
                        new UserRejectedException.UserNotFound(12345L).getMessage()),
                () -> assertEquals("This is the last enabled site admin. Make another user site admin first.",
                        new UserRejectedException.LastSiteAdmin().getMessage()),
                () -> assertEquals("The password must have at least 10 characters.",
                        new UserRejectedException.WeakPassword("problem.user.password.too-short", "10").getMessage()),
                () -> assertEquals("There is no app with id 'x'. Reload the list; it may have changed.",
                        new AppRejectedException.AppNotFound("x").getMessage()),
                () -> assertEquals("The audience 'urn:a' belongs to the app 'a' already. Each app needs an audience of its own.",
                        new AppRejectedException.AudienceTaken("urn:a", "a").getMessage()),
                () -> assertEquals("The app 'a' authenticates with private_key_jwt, so it has no client secret to regenerate.",
                        new AppRejectedException.NoClientSecret("a").getMessage()),
                () -> assertEquals("The route name 'r' is already taken. Choose another one, or edit that route.",
                        new RouteRejectedException.RouteNameTaken("r").getMessage()),
                () -> assertEquals("The route 'r' was changed by someone else meanwhile. Reload it and make your change again.",
                        new RouteRejectedException.StaleRoute("r").getMessage()),
                () -> assertEquals("No such route", new RouteRejectedException.RouteNotFound("r").title(Locale.ENGLISH)),
                () -> assertEquals("Diese Route gibt es nicht", new RouteRejectedException.RouteNotFound("r").title(Locale.GERMAN)));
    }

    @Test
    void aRefusalOfFieldsListsThemAndPointsAtThem() {
        AppRejectedException.InvalidApp app = new AppRejectedException.InvalidApp(
                List.of(new FieldMessage("id", "Use lower-case letters."), new FieldMessage("name", "Enter a name.")));
        RouteRejectedException.InvalidRoute route = new RouteRejectedException.InvalidRoute(
                List.of(new RouteProblem("target.template", RouteText.UNDECLARED_PLACEHOLDER, "{x}")));
        assertAll(
                () -> assertEquals("Use lower-case letters. Enter a name.", app.getMessage(), "the audit log's summary"),
                () -> assertEquals(List.of(new FieldMessage("id", "Use lower-case letters."), new FieldMessage("name", "Enter a name.")),
                        app.fieldErrors()),
                () -> assertEquals("See 'errors' for what to correct.", app.message(Locale.ENGLISH)),
                () -> assertEquals("Was zu korrigieren ist, steht unter 'errors'.", app.message(Locale.GERMAN)),
                () -> assertTrue(route.hasFieldErrors()),
                () -> assertEquals("invalid-route", route.type()),
                () -> assertEquals(List.of("target.template"), route.fieldErrors().stream().map(FieldMessage::field).toList()),
                () -> assertEquals("{x} is not a declared parameter", route.fieldErrors().get(0).message()),
                () -> assertEquals("{x} ist kein deklarierter Parameter", route.fieldErrors().get(0).message(Locale.GERMAN)),
                () -> assertFalse(new RouteRejectedException.StaleRoute("r").hasFieldErrors()));
    }

    /** A refused field from the bundle keeps its key, so a page and problem+json show it in the reader's language. */
    @Test
    void aRefusedFieldFromTheBundleSpeaksTheReadersLanguage() {
        AppRejectedException.InvalidApp app = new AppRejectedException.InvalidApp(
                List.of(FieldMessage.of("name", "problem.app.name.empty"), new FieldMessage("baseUrls", "Base URL text.")));
        FieldMessage name = app.fieldErrors().get(0);
        assertAll(
                () -> assertEquals("The name must not be empty. Base URL text.", app.getMessage(), "the audit log's summary"),
                () -> assertEquals("The name must not be empty.", name.message()),
                () -> assertEquals("Der Name darf nicht leer sein.", name.message(Locale.GERMAN)),
                () -> assertEquals("Base URL text.", app.fieldErrors().get(1).message(Locale.GERMAN), "a text not in the bundle"),
                () -> assertEquals("Das Passwort darf den Benutzernamen nicht enthalten.",
                        new UserRejectedException.WeakPassword("problem.user.password.contains-username").message(Locale.GERMAN)),
                () -> assertEquals("Der Name muss 1 bis 100 Zeichen haben.",
                        new UserRejectedException.InvalidUser("problem.user.name.length").message(Locale.GERMAN)));
    }
}

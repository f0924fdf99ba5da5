package org.portico.web.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.redirect.AppBaseUrl;
import org.portico.web.problem.FieldMessage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppRulesTest {

    private static AppDraft draft(String id, String audience, List<String> baseUrls, Integer lifetime,
                                  String method, String jwksUrl) {
        return new AppDraft(id, "Billing", null, audience, baseUrls, List.of("name", "email"), lifetime, method,
                jwksUrl, List.of(), false, true);
    }

    private static AppDraft valid() {
        return draft("billing", "https://billing.example", List.of("https://billing.example/app/"), null,
                "client_secret", null);
    }

    private static List<String> fields(AppRules.Checked checked) {
        return checked.errors().stream().map(FieldMessage::field).toList();
    }

    @Test
    void aValidDraftIsNormalisedWithDefaults() {
        AppRules.Checked checked = AppRules.check(valid(), true);

        assertAll(
                () -> assertTrue(checked.isValid(), checked.errors().toString()),
                () -> assertEquals("billing", checked.id()),
                () -> assertEquals("https://billing.example/app", checked.baseUrls().get(0).toString()),
                () -> assertEquals(Set.of(UserClaim.NAME, UserClaim.EMAIL), checked.claims()),
                () -> assertEquals(AppRules.DEFAULT_LIFETIME, checked.tokenLifetimeSeconds()),
                () -> assertEquals(ClientAuthentication.CLIENT_SECRET, checked.clientAuthentication()),
                () -> assertNull(checked.jwksUrl()));
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        AppDraft bad = new AppDraft("-Bad id", " ", "x".repeat(1001), "has space", List.of("javascript:alert(1)"),
                List.of("name", "password"), 5, "basic", null, List.of(), false, true);

        AppRules.Checked checked = AppRules.check(bad, true);

        assertEquals(List.of("id", "name", "description", "audience", "baseUrls", "claims", "tokenLifetimeSeconds",
                "clientAuthentication"), fields(checked));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "-billing", "billing_app", "bill ing", "b123456789b123456789b123456789b123456789b123456789b123456789b123", "bïlling"})
    void idsThatAreNotSlugsAreRejected(String id) {
        assertEquals(List.of("id"), fields(AppRules.check(draft(id, "aud", List.of("https://b.example"), 300,
                "client_secret", null), true)));
    }

    @Test
    void idsAreTrimmedAndLowerCased() {
        assertEquals("billing-2", AppRules.check(draft(" Billing-2 ", "aud", List.of("https://b.example"), 300,
                "client_secret", null), true).id());
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 3601, 0, -1})
    void tokenLifetimesOutsideTheRangeAreRejected(int seconds) {
        assertEquals(List.of("tokenLifetimeSeconds"), fields(AppRules.check(draft("billing", "aud",
                List.of("https://b.example"), seconds, "client_secret", null), true)));
    }

    @ParameterizedTest
    @ValueSource(ints = {30, 300, 3600})
    void tokenLifetimesInTheRangeAreKept(int seconds) {
        assertEquals(seconds, AppRules.check(draft("billing", "aud", List.of("https://b.example"), seconds,
                "client_secret", null), true).tokenLifetimeSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://b.example", "//b.example", "https://user@b.example", "https://b.example/?q=1",
            "https://b.example/a/../b", "not a url", "https://b.example/#x"})
    void baseUrlsThatAreNotPlainHttpUrlsAreRejected(String url) {
        assertEquals(List.of("baseUrls"), fields(AppRules.check(draft("billing", "aud", List.of(url), 300,
                "client_secret", null), true)));
    }

    /**
     * What is wrong with a base URL is said in the reader's language; in English word for word what the deeplink core
     * says (capitalised, with a full stop), as the admin page and the API said it before the text moved to the bundle.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ftp://b.example", "https://user@b.example", "https://b.example./app",
            "https://b.example/a/../b", "https://b.example:99999/", "not a url\u0007"})
    void aBaseUrlsProblemIsSaidInTheReadersLanguage(String url) {
        String core = assertThrows(IllegalArgumentException.class, () -> AppBaseUrl.parse(url)).getMessage();
        FieldMessage error = AppRules.check(draft("billing", "aud", List.of(url), 300,
                "client_secret", null), true).errors().get(0);

        assertAll(
                () -> assertEquals("baseUrls", error.field()),
                () -> assertEquals(Character.toUpperCase(core.charAt(0)) + core.substring(1) + ".",
                        error.message(Locale.ENGLISH)),
                () -> assertEquals(error.message(Locale.ENGLISH), error.message(), "the audit log's English"),
                () -> assertTrue(error.message(Locale.GERMAN).matches("(Die|Der Host der) Basis-URL .+"),
                        error.message(Locale.GERMAN)));
    }

    @Test
    void atLeastOneBaseUrlIsNeededAndDuplicatesCollapse() {
        assertAll(
                () -> assertEquals(List.of("baseUrls"), fields(AppRules.check(draft("billing", "aud", List.of(" "), 300,
                        "client_secret", null), true))),
                () -> assertEquals(1, AppRules.check(draft("billing", "aud",
                        List.of("https://B.example:443/app/", "https://b.example/app"), 300, "client_secret", null), true)
                        .baseUrls().size()));
    }

    private static AppDraft keyJwt(String jwksUrl, boolean allowInternalJwksHost) {
        return new AppDraft("billing", "Billing", null, "aud", List.of("https://b.example"), List.of("name"), 300,
                "private_key_jwt", jwksUrl, List.of(), false, true, allowInternalJwksHost, null);
    }

    /** keys.example resolves to a public address, intranet.example to a private one, nowhere.example to nothing. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "keys.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "intranet.example" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                    InetAddress.getByName("10.1.2.3")};
            case "nowhere.example" -> throw new UnknownHostException(host);
            default -> InetAddress.getAllByName(host); // address literals and localhost
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://keys.example/jwks.json", "https://nowhere.example/jwks.json"})
    void jwksUrlsOverHttpsToPublicOrNotYetResolvingHostsAreAccepted(String url) {
        AppRules.Checked checked = AppRules.check(keyJwt(url, false), true, AppRulesTest::resolve);
        assertAll(
                () -> assertTrue(checked.isValid(), checked.errors().toString()),
                () -> assertEquals(url, checked.jwksUrl()),
                () -> assertFalse(checked.allowInternalJwksHost()));
    }

    /** Loopback JWKS URLs (an app on a developer's machine) used to pass on their own: now they need the flag. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9000/jwks", "http://127.0.0.1/jwks", "http://[::1]:8081/jwks",
            "https://intranet.example/jwks.json", "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/jwks"})
    void jwksUrlsOnInternalHostsAreAcceptedOnlyWhenTheAdminAllowsIt(String url) {
        AppRules.Checked refused = AppRules.check(keyJwt(url, false), true, AppRulesTest::resolve);
        AppRules.Checked allowed = AppRules.check(keyJwt(url, true), true, AppRulesTest::resolve);
        assertAll(
                () -> assertEquals(List.of("jwksUrl"), fields(refused)),
                () -> assertTrue(refused.errors().get(0).message().contains("is an internal address"),
                        refused.errors().get(0).message()),
                () -> assertTrue(refused.errors().get(0).message().contains("'allow an internal JWKS host'"),
                        refused.errors().get(0).message()),
                () -> assertTrue(allowed.isValid(), allowed.errors().toString()),
                () -> assertEquals(url, allowed.jwksUrl()),
                () -> assertTrue(allowed.allowInternalJwksHost()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://keys.example/jwks.json", "", "ftp://localhost/jwks", "https://u@keys.example/j",
            "https://keys.example/j#f", "jwks.json"})
    void jwksUrlsOverPlainHttpToOtherHostsOrMissingAreRejected(String url) {
        assertEquals(List.of("jwksUrl"), fields(AppRules.check(draft("billing", "aud", List.of("https://b.example"),
                300, "private_key_jwt", url), true)));
    }

    @Test
    void aClientSecretAppForgetsAJwksUrl() {
        assertNull(AppRules.check(draft("billing", "aud", List.of("https://b.example"), 300, "client_secret",
                "https://keys.example/jwks.json"), true).jwksUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing", "https://billing.example", "urn:portico:billing", "api://billing"})
    void audiencesThatAreNamesOrAbsoluteUrisAreAccepted(String audience) {
        assertTrue(AppRules.check(draft("billing", audience, List.of("https://b.example"), 300, "client_secret", null),
                true).isValid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bill ing", "https:", "https:///path", "a:b#frag", "bïlling"})
    void audiencesWithSpacesOrBrokenUrisAreRejected(String audience) {
        assertEquals(List.of("audience"), fields(AppRules.check(draft("billing", audience, List.of("https://b.example"),
                300, "client_secret", null), true)));
    }

    @Test
    void anAppCannotExchangeForItsOwnAudience() {
        AppDraft self = new AppDraft("billing", "Billing", null, "aud", List.of("https://b.example"), List.of(), 300,
                "client_secret", null, List.of("aud"), false, true);
        assertEquals(List.of("exchangeAudiences"), fields(AppRules.check(self, true)));
    }

    @Test
    void updatesDoNotCheckTheId() {
        assertTrue(AppRules.check(draft(null, "aud", List.of("https://b.example"), 300, "client_secret", null), false)
                .isValid());
    }

    @Test
    void messagesQuoteHostileInputWithoutControlCharacters() {
        String message = AppRules.check(draft("x\r\ny", "aud", List.of("https://b.example"), 300, "client_secret", null),
                true).errors().get(0).message();
        assertAll(
                () -> assertTrue(message.contains("x\\u000d\\u000ay"), message),
                () -> assertTrue(message.indexOf('\n') < 0));
    }

    /**
     * The messages come from the bundle (problem.app.*): English word for word as the rules wrote them before (the
     * API's clients and the audit log read them), German for a German reader.
     */
    @Test
    void theMessagesReadAsBeforeInEnglishAndInGermanForAGermanReader() {
        AppDraft bad = new AppDraft("-Bad id", " ", "x".repeat(1001), "has space", List.of("https://b.example"),
                List.of("name", "password"), 5, "basic", null, List.of(), false, true);

        List<FieldMessage> errors = AppRules.check(bad, true).errors();

        assertAll(
                () -> assertEquals(List.of(
                        "An app id has 2 to 63 characters: lower-case letters, digits or '-', starting with a letter or"
                                + " digit, e.g. 'billing'; got '-Bad id'.",
                        "The name must not be empty.",
                        "The description has at most 1000 characters; got 1001.",
                        "The audience is printable ASCII without spaces, e.g. 'https://billing.example' or 'billing';"
                                + " got 'has space'.",
                        "Unknown user claim 'password'; an app may receive 'name', 'email' and 'roles'.",
                        "The token lifetime must be between 30 and 3600 seconds; got 5.",
                        "Choose the client authentication: 'client_secret' or 'private_key_jwt'."),
                        errors.stream().map(FieldMessage::message).toList()),
                () -> assertEquals(errors.stream().map(FieldMessage::message).toList(),
                        errors.stream().map(error -> error.message(Locale.ENGLISH)).toList()),
                () -> assertEquals(List.of(
                        "Eine App-ID hat 2 bis 63 Zeichen: Kleinbuchstaben, Ziffern oder '-', am Anfang ein Buchstabe"
                                + " oder eine Ziffer, z. B. 'billing'; eingegeben wurde '-Bad id'.",
                        "Der Name darf nicht leer sein.",
                        "Die Beschreibung hat höchstens 1000 Zeichen; eingegeben wurden 1001.",
                        "Die Audience besteht aus druckbaren ASCII-Zeichen ohne Leerzeichen, z. B."
                                + " 'https://billing.example' oder 'billing'; eingegeben wurde 'has space'.",
                        "Unbekannter Benutzer-Claim 'password'; eine App kann 'name', 'email' und 'roles' erhalten.",
                        "Die Token-Lebensdauer muss zwischen 30 und 3600 Sekunden liegen; eingegeben wurden 5.",
                        "Wählen Sie die Client-Authentifizierung: 'client_secret' oder 'private_key_jwt'."),
                        errors.stream().map(error -> error.message(Locale.GERMAN)).toList()));
    }

    @Test
    void theJwksUrlsMessagesReadAsBeforeInEnglish() {
        AppDraft noUrl = draft("billing", "aud", List.of("https://b.example"), 300, "private_key_jwt", " ");
        AppDraft badUrl = draft("billing", "aud", List.of("https://b.example"), 300, "private_key_jwt", "ftp://x");
        String rule = "The JWKS URL must be an https URL (http only for localhost or 127.0.0.1),"
                + " e.g. 'https://billing.example/.well-known/jwks.json'";
        assertAll(
                () -> assertEquals(rule + ".", AppRules.check(noUrl, true).errors().get(0).message()),
                () -> assertEquals(rule + "; got 'ftp://x'.", AppRules.check(badUrl, true).errors().get(0).message()),
                () -> assertTrue(AppRules.check(badUrl, true).errors().get(0).message(Locale.GERMAN)
                        .startsWith("Die JWKS-URL muss eine https-URL sein")));
    }

    // ---- framing ---------------------------------------------------------------------------------------------

    private static final String PORTICO = "http://127.0.0.1:8480";

    private static AppDraft framed(List<String> baseUrls, boolean mayBeFramed, String... sandbox) {
        return new AppDraft("billing", "Billing", null, "aud", baseUrls, List.of("name"), 300, "client_secret", null,
                List.of(), false, true, false, null, mayBeFramed, List.of(sandbox));
    }

    @Test
    void aFramedAppKeepsItsSandboxFlagsInTheirFixedOrder() {
        AppRules.Checked checked = AppRules.check(framed(List.of("https://billing.example"), true,
                "allow-forms", " allow-scripts ", "allow-forms"), true, PORTICO);

        assertAll(
                () -> assertTrue(checked.isValid(), checked.errors().toString()),
                () -> assertTrue(checked.mayBeFramed()),
                () -> assertEquals(List.of(SandboxFlag.ALLOW_SCRIPTS, SandboxFlag.ALLOW_FORMS),
                        checked.sandbox().stream().sorted().toList()));
    }

    @Test
    void unknownSandboxFlagsAreRefusedOneByOne() {
        AppRules.Checked checked = AppRules.check(framed(List.of("https://billing.example"), true,
                "allow-top-navigation", "allow-scripts", "ALLOW-FORMS"), true, PORTICO);

        assertAll(
                () -> assertEquals(List.of("sandbox", "sandbox"), fields(checked)),
                () -> assertTrue(checked.errors().get(0).message().contains("'allow-top-navigation'"),
                        checked.errors().get(0).message()),
                () -> assertTrue(checked.errors().get(1).message(Locale.GERMAN).startsWith("Unbekanntes Sandbox-Flag 'ALLOW-FORMS'"),
                        checked.errors().get(1).message(Locale.GERMAN)));
    }

    /** A frame on Portico's origin with scripts and its own origin could lift its sandbox and act as Portico. */
    @Test
    void anAppOnlyOnPorticosOriginMayNotCombineScriptsWithSameOrigin() {
        AppRules.Checked checked = AppRules.check(framed(List.of(PORTICO + "/billing", "http://127.0.0.1:8480/other/"),
                true, "allow-scripts", "allow-same-origin"), true, PORTICO);

        assertAll(
                () -> assertEquals(List.of("sandbox"), fields(checked)),
                () -> assertTrue(checked.errors().get(0).message().contains("(" + PORTICO + ")"),
                        checked.errors().get(0).message()),
                () -> assertTrue(checked.errors().get(0).message(Locale.GERMAN).startsWith("Jede Basis-URL dieser App")),
                // Either flag alone is fine, and so is the pair while the app may not be framed.
                () -> assertTrue(AppRules.check(framed(List.of(PORTICO + "/billing"), true, "allow-scripts"), true,
                        PORTICO).isValid()),
                () -> assertTrue(AppRules.check(framed(List.of(PORTICO + "/billing"), true, "allow-same-origin"), true,
                        PORTICO).isValid()),
                () -> assertTrue(AppRules.check(framed(List.of(PORTICO + "/billing"), false, "allow-scripts",
                        "allow-same-origin"), true, PORTICO).isValid()),
                // Default ports and case do not hide Portico's origin.
                () -> assertEquals(List.of("sandbox"), fields(AppRules.check(framed(List.of("HTTPS://Portal.Example:443/x"),
                        true, "allow-scripts", "allow-same-origin"), true, "https://portal.example"))));
    }

    /** Such an app is framed from its other origins; each pane on Portico's origin is refused on its own. */
    @Test
    void anAppAlsoOnAnotherOriginMayCombineScriptsWithSameOrigin() {
        AppRules.Checked checked = AppRules.check(framed(List.of(PORTICO + "/demo-app/", "http://localhost:8480/demo-app"),
                true, "allow-scripts", "allow-same-origin", "allow-forms"), true, PORTICO);

        assertTrue(checked.isValid(), checked.errors().toString());
    }

    private static AppDraft proxied(String upstreamUrl) {
        return new AppDraft("billing", "Billing", null, "https://billing.example",
                List.of("https://billing.example/app/", "https://other.example"), List.of(), null, "client_secret", null,
                List.of(), false, true, false, null, false, List.of(), true, upstreamUrl);
    }

    private static String problem(AppRules.Checked checked) {
        return checked.errors().stream().map(FieldMessage::key).reduce((a, b) -> a + ", " + b).orElse("");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "https://billing.example/app,               https://billing.example/app",
            "https://billing.example/app/api/,          https://billing.example/app/api",
            "HTTPS://Billing.Example:443/app/x,         https://billing.example/app/x",
            "https://other.example/anything,            https://other.example/anything"})
    void aProxiedAppsUpstreamLiesUnderOneOfItsBaseUrls(String given, String normalised) {
        AppRules.Checked checked = AppRules.check(proxied(given), true);

        assertAll(
                () -> assertEquals(List.of(), fields(checked)),
                () -> assertTrue(checked.proxied()),
                () -> assertEquals(normalised, checked.upstreamUrl()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "'',                                  apps.proxy.problem.upstream.missing",
            "https://billing.example/application, apps.proxy.problem.upstream.outside",
            "https://billing.example/,            apps.proxy.problem.upstream.outside",
            "http://billing.example/app,          apps.proxy.problem.upstream.outside",
            "https://billing.example:8443/app,    apps.proxy.problem.upstream.outside",
            "ftp://billing.example/app,           apps.proxy.problem.upstream.invalid",
            "https://billing.example/app?x=1,     apps.proxy.problem.upstream.invalid",
            "/app,                                apps.proxy.problem.upstream.invalid"})
    void aProxiedAppNeedsAnUpstreamUnderItsBaseUrls(String given, String key) {
        AppRules.Checked checked = AppRules.check(proxied(given), true);

        assertAll(
                () -> assertEquals(List.of("upstreamUrl"), fields(checked)),
                () -> assertEquals(key, problem(checked)));
    }

    @Test
    void anAppThatIsNotProxiedKeepsNoUpstream() {
        AppDraft draft = proxied("https://elsewhere.example");
        AppDraft notProxied = new AppDraft(draft.id(), draft.name(), null, draft.audience(), draft.baseUrls(),
                List.of(), null, "client_secret", null, List.of(), false, true, false, null, false, List.of(), false,
                "https://elsewhere.example");

        AppRules.Checked checked = AppRules.check(notProxied, true);

        assertAll(
                () -> assertEquals(List.of(), fields(checked)),
                () -> assertEquals(null, checked.upstreamUrl()));
    }
}

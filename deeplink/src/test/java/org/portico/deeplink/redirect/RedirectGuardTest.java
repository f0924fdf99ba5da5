package org.portico.deeplink.redirect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.redirect.RedirectRejectedException.Reason;

class RedirectGuardTest {

    private final RedirectGuard guard = new RedirectGuard(List.of(
            AppBaseUrl.parse("https://billing.example"),
            AppBaseUrl.parse("https://apps.example:8443/crm/"),
            AppBaseUrl.parse("http://127.0.0.1:8081/demo-app")));

    // ---- local targets --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/                                   | /",
            "/home.xhtml                         | /home.xhtml",
            "/home.xhtml?x=1#y                   | /home.xhtml?x=1#y",
            "/admin/users.xhtml?page=2&q=al%20ice | /admin/users.xhtml?page=2&q=al%20ice",
            "/link/invoice/42?ref=mail           | /link/invoice/42?ref=mail",
            "/a/./b                              | /a/b",
            "/a/b/../c                           | /a/c",
            "/a/..                               | /",
            "/a/b/..                             | /a/",
            "/caf%C3%A9                          | /caf%C3%A9",
            "/search?next=%2F%2Fevil.example     | /search?next=%2F%2Fevil.example",
            "/p#frag/with/slashes                | /p#frag/with/slashes",
            "/a:b/c                              | /a:b/c",
    })
    void acceptsSameOriginPaths(String candidate, String expected) {
        assertEquals(Optional.of(expected), guard.findLocalTarget(candidate));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("openRedirectAttempts")
    void rejectsOpenRedirectAttemptsAsLocalTarget(String candidate, Reason reason) {
        assertAll(
                () -> assertEquals(Optional.empty(), guard.findLocalTarget(candidate)),
                () -> assertEquals(reason,
                        assertThrows(RedirectRejectedException.class, () -> guard.getLocalTarget(candidate)).reason()));
    }

    static List<Object[]> openRedirectAttempts() {
        return List.of(
                attempt("//evil.example", Reason.NOT_LOCAL),
                attempt("//evil.example/home.xhtml", Reason.NOT_LOCAL),
                attempt("///evil.example", Reason.NOT_LOCAL),
                attempt("/\\evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("\\\\evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("\\/evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/home\\..\\..\\x", Reason.ILLEGAL_CHARACTER),
                attempt("https://evil.example", Reason.NOT_LOCAL),
                attempt("HTTPS://evil.example/", Reason.NOT_LOCAL),
                attempt("http:evil.example", Reason.NOT_LOCAL),
                attempt("https:/evil.example", Reason.NOT_LOCAL),
                attempt("javascript:alert(1)", Reason.NOT_LOCAL),
                attempt("JaVaScRiPt:alert(1)", Reason.NOT_LOCAL),
                attempt(" javascript:alert(1)", Reason.ILLEGAL_CHARACTER),
                attempt("java\tscript:alert(1)", Reason.ILLEGAL_CHARACTER),
                attempt("\u0000javascript:alert(1)", Reason.ILLEGAL_CHARACTER),
                attempt("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", Reason.NOT_LOCAL),
                attempt("DATA:text/html,<script>", Reason.ILLEGAL_CHARACTER),
                attempt("evil.example", Reason.NOT_LOCAL),
                attempt("home.xhtml", Reason.NOT_LOCAL),
                attempt("user@evil.example", Reason.NOT_LOCAL),
                attempt("/@evil.example", Reason.NOT_LOCAL),
                attempt("/home@evil.example", Reason.NOT_LOCAL),
                attempt(" /home.xhtml", Reason.ILLEGAL_CHARACTER),
                attempt("/home.xhtml ", Reason.ILLEGAL_CHARACTER),
                attempt("\t//evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/\t/evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/\r\nSet-Cookie:x=1", Reason.ILLEGAL_CHARACTER),
                attempt("/home\nLocation: https://evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/home\u0085", Reason.ILLEGAL_CHARACTER),
                attempt("/home\u2028", Reason.ILLEGAL_CHARACTER),
                attempt("/\u200B/evil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/\uFF0F\uFF0Fevil.example", Reason.ILLEGAL_CHARACTER),
                attempt("/caf\u00e9", Reason.ILLEGAL_CHARACTER),
                attempt("/%2f%2fevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%2F%2Fevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%252f%252fevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%25252f%25252fevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%5cevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%5C%5Cevil.example", Reason.ENCODED_DELIMITER),
                attempt("/%2e%2e/%2e%2e/etc/passwd", Reason.ENCODED_DELIMITER),
                attempt("/%09/evil.example", Reason.ENCODED_DELIMITER),
                attempt("/home?x=%0d%0aSet-Cookie:x=1", Reason.ENCODED_DELIMITER),
                attempt("/home#%00", Reason.ENCODED_DELIMITER),
                attempt("/home%", Reason.ENCODED_DELIMITER),
                attempt("/home%zz", Reason.ENCODED_DELIMITER),
                attempt("/home?x=%4", Reason.ENCODED_DELIMITER),
                attempt("/..", Reason.PATH_TRAVERSAL),
                attempt("/../admin", Reason.PATH_TRAVERSAL),
                attempt("/a/../../admin", Reason.PATH_TRAVERSAL),
                attempt("/..;/admin", Reason.PATH_TRAVERSAL),
                attempt("/a/.;x/b", Reason.PATH_TRAVERSAL),
                attempt("/.//evil.example", Reason.NOT_LOCAL),
                attempt("/a/..//evil.example", Reason.NOT_LOCAL),
                attempt("/<script>alert(1)</script>", Reason.ILLEGAL_CHARACTER),
                attempt("/home\"onmouseover=\"alert(1)", Reason.ILLEGAL_CHARACTER),
                attempt("/" + "a".repeat(RedirectGuard.MAX_LOCAL_LENGTH), Reason.EMPTY_OR_TOO_LONG));
    }

    private static Object[] attempt(String candidate, Reason reason) {
        return new Object[] {candidate, reason};
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsMissingLocalTarget(String candidate) {
        assertEquals(Optional.empty(), guard.findLocalTarget(candidate));
    }

    // ---- app targets ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://billing.example                        | https://billing.example/",
            "https://billing.example/invoices/42            | https://billing.example/invoices/42",
            "https://billing.example/invoices/42?x=1#token=a | https://billing.example/invoices/42?x=1#token=a",
            "HTTPS://BILLING.EXAMPLE/Invoices               | https://billing.example/Invoices",
            "https://billing.example:443/x                  | https://billing.example/x",
            "https://apps.example:8443/crm                  | https://apps.example:8443/crm",
            "https://apps.example:8443/crm/                 | https://apps.example:8443/crm/",
            "https://apps.example:8443/crm/accounts/7       | https://apps.example:8443/crm/accounts/7",
            "http://127.0.0.1:8081/demo-app/?route=a%2Fb    | http://127.0.0.1:8081/demo-app/?route=a%2Fb",
    })
    void acceptsTargetsUnderRegisteredBaseUrls(String candidate, String expected) {
        assertEquals(Optional.of(URI.create(expected)), guard.findAppTarget(candidate));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("appRedirectAttempts")
    void rejectsAppTargetsOutsideTheAllowlist(String candidate, Reason reason) {
        assertAll(
                () -> assertEquals(Optional.empty(), guard.findAppTarget(candidate)),
                () -> assertEquals(reason,
                        assertThrows(RedirectRejectedException.class, () -> guard.getAppTarget(candidate)).reason()));
    }

    static List<Object[]> appRedirectAttempts() {
        return List.of(
                attempt("https://evil.example/", Reason.NOT_ALLOWED),
                attempt("https://billing.example.evil.com/", Reason.NOT_ALLOWED),
                attempt("https://billing.exampleevil.com/", Reason.NOT_ALLOWED),
                attempt("https://evilbilling.example/", Reason.NOT_ALLOWED),
                attempt("https://sub.billing.example/", Reason.NOT_ALLOWED),
                attempt("https://billing.example./", Reason.NOT_ALLOWED),
                attempt("https://billing.example@evil.com/", Reason.USERINFO),
                attempt("https://billing.example:443@evil.com/", Reason.USERINFO),
                attempt("https://user:pw@billing.example/", Reason.USERINFO),
                attempt("https://billing.example%40evil.com/", Reason.MALFORMED),
                attempt("https://billing.example%2f@evil.com/", Reason.USERINFO),
                attempt("https://evil.com#@billing.example/", Reason.NOT_ALLOWED),
                attempt("https://evil.com?@billing.example/", Reason.NOT_ALLOWED),
                attempt("https://evil.com\\@billing.example/", Reason.ILLEGAL_CHARACTER),
                attempt("https://billing.example\\@evil.com/", Reason.ILLEGAL_CHARACTER),
                attempt("https://b\u0456lling.example/", Reason.ILLEGAL_CHARACTER),
                attempt("https://billing\u3002example/", Reason.ILLEGAL_CHARACTER),
                attempt("https://xn--blling-4va.example/", Reason.NOT_ALLOWED),
                attempt("https://BILLING.EXAMPLE.EVIL.COM/", Reason.NOT_ALLOWED),
                attempt("http://billing.example/", Reason.NOT_ALLOWED),
                attempt("https://billing.example:8443/", Reason.NOT_ALLOWED),
                attempt("https://apps.example/crm", Reason.NOT_ALLOWED),
                attempt("https://apps.example:8443/", Reason.NOT_ALLOWED),
                attempt("https://apps.example:8443/crmx", Reason.NOT_ALLOWED),
                attempt("https://apps.example:8443/CRM", Reason.NOT_ALLOWED),
                attempt("https://apps.example:8443/crm/../admin", Reason.PATH_TRAVERSAL),
                attempt("https://apps.example:8443/crm/./x", Reason.PATH_TRAVERSAL),
                attempt("https://apps.example:8443/crm/%2e%2e/admin", Reason.ENCODED_DELIMITER),
                attempt("https://apps.example:8443/crm%2f..%2fadmin", Reason.ENCODED_DELIMITER),
                attempt("https://apps.example:8443/crm/%252e%252e/admin", Reason.ENCODED_DELIMITER),
                attempt("https://billing.example/x?a=%0d%0aLocation:evil", Reason.ENCODED_DELIMITER),
                attempt("https://billing.example/x\r\n", Reason.ILLEGAL_CHARACTER),
                attempt(" https://billing.example/", Reason.ILLEGAL_CHARACTER),
                attempt("//billing.example/", Reason.MALFORMED),
                attempt("/home.xhtml", Reason.MALFORMED),
                attempt("billing.example/x", Reason.MALFORMED),
                attempt("https:billing.example/x", Reason.MALFORMED),
                attempt("https:/billing.example/x", Reason.MALFORMED),
                attempt("https:///billing.example/x", Reason.MALFORMED),
                attempt("javascript:alert(1)", Reason.MALFORMED),
                attempt("javascript://billing.example/%0aalert(1)", Reason.NOT_ALLOWED),
                attempt("data:text/html;base64,PHNjcmlwdD4=", Reason.MALFORMED),
                attempt("ftp://billing.example/", Reason.NOT_ALLOWED),
                attempt("https://billing.example/<script>", Reason.ILLEGAL_CHARACTER),
                attempt("https://billing.example/" + "a".repeat(RedirectGuard.MAX_APP_LENGTH), Reason.EMPTY_OR_TOO_LONG));
    }

    @Test
    void localOnlyGuardRejectsEveryAppTarget() {
        assertEquals(Reason.NOT_ALLOWED, assertThrows(RedirectRejectedException.class,
                () -> RedirectGuard.localOnly().getAppTarget("https://billing.example/")).reason());
    }

    @Test
    void rejectionMessageDoesNotEchoTheTarget() {
        RedirectRejectedException e = assertThrows(RedirectRejectedException.class,
                () -> guard.getLocalTarget("/x\r\nSet-Cookie: session=stolen"));
        assertTrue(!e.getMessage().contains("Set-Cookie"), e.getMessage());
    }

    // ---- registered base URLs -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://billing.example                | https://billing.example",
            "https://billing.example/               | https://billing.example",
            "HTTPS://Billing.Example:443/App/       | https://billing.example/App",
            "http://127.0.0.1:8081/demo-app         | http://127.0.0.1:8081/demo-app",
            "https://[::1]:8443/x                   | https://[::1]:8443/x",
    })
    void normalisesBaseUrls(String text, String expected) {
        assertEquals(expected, AppBaseUrl.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "billing.example", "/app", "ftp://billing.example", "https://user@billing.example",
            "https://billing.example/?x=1", "https://billing.example/#x", "https://billing.example/a/../b",
            "https://b\u00fccher.example", "https://billing.example./", "javascript:alert(1)", "https://billing.example/%2f"})
    void rejectsInvalidBaseUrlsWithAMessageShowingAValidOne(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppBaseUrl.parse(text));
        assertTrue(e.getMessage().contains("e.g. 'https://billing.example'"), e.getMessage());
    }
}

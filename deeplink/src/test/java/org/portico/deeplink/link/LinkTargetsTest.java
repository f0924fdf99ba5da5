package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.redirect.RedirectRejectedException.Reason;
import org.portico.deeplink.testing.TokenWorld;

class LinkTargetsTest {

    private static final String TEMPLATE = "https://billing.example/files/{v}?q={v}#frag-{v}";
    private final AppRegistration billing = new TokenWorld().billing;

    private static String expand(String value) {
        return LinkTargets.expand("https://billing.example/x?q={v}#{v}", Map.of("v", value));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a&b=c         | a%26b%3Dc",
            "x#y?z         | x%23y%3Fz",
            "/..\\\\evil   | %2F..%5C%5Cevil",
            "100%          | 100%25",
            "a b+c         | a%20b%2Bc",
            "@:;,$!*'()    | %40%3A%3B%2C%24%21%2A%27%28%29",
            "\"[]{}|^`<>\" | %5B%5D%7B%7D%7C%5E%60%3C%3E",
            "%252f         | %25252f",
            "javascript:alert(1) | javascript%3Aalert%281%29",
            "-._~Az09      | -._~Az09",
    })
    void everyReservedCharacterIsEncodedInQueryAndFragment(String value, String encoded) {
        assertEquals("https://billing.example/x?q=" + encoded + "#" + encoded, expand(value));
    }

    @Test
    void unicodeIsEncodedAsUtf8() {
        assertAll(
                () -> assertEquals("https://billing.example/x?q=Z%C3%BCrich#Z%C3%BCrich", expand("Zürich")),
                () -> assertEquals("https://billing.example/x?q=%E2%80%AE%EF%BC%8E#%E2%80%AE%EF%BC%8E",
                        expand("\u202e\uff0e"), "right-to-left override and a full-width dot stay data"),
                () -> assertEquals("https://billing.example/x?q=%F0%9F%98%80#%F0%9F%98%80", expand("😀")));
    }

    @Test
    void pathValuesAreEncodedAndMayNotChangeThePathsStructure() {
        assertAll(
                () -> assertEquals(URI.create("https://billing.example/files/r%C3%A9sum%C3%A9%20v2?q=r%C3%A9sum%C3%A9%20v2#frag-r%C3%A9sum%C3%A9%20v2"),
                        LinkTargets.appTarget(billing, new RouteTarget.AppUrl("billing", TEMPLATE), Map.of("v", "résumé v2"))),
                () -> assertEquals("v", pathRefusal("..").parameter()),
                () -> assertEquals("v", pathRefusal(".").parameter()),
                () -> assertEquals("v", pathRefusal("a/b").parameter()),
                () -> assertEquals("v", pathRefusal("a\\b").parameter()),
                () -> assertEquals("v", pathRefusal("%2e%2e").parameter()),
                () -> assertEquals("https://billing.example/files/...?q=...#frag-...",
                        LinkTargets.expand(TEMPLATE, Map.of("v", "...")), "three dots are a name, not a dot segment"));
    }

    @Test
    void thePathEndsAtTheFirstQuestionMarkOrHash() {
        assertAll(
                () -> assertEquals("https://billing.example/x?q=a%2Fb#a%2Fb",
                        LinkTargets.expand("https://billing.example/x?q={v}#{v}", Map.of("v", "a/b"))),
                () -> assertEquals("https://billing.example/x#a%2Fb?a%2Fb",
                        LinkTargets.expand("https://billing.example/x#{v}?{v}", Map.of("v", "a/b")),
                        "a fragment without a query"),
                () -> assertThrows(InvalidParameterException.class,
                        () -> LinkTargets.expand("https://billing.example/{v}?q=1", Map.of("v", "a/b"))));
    }

    private InvalidParameterException pathRefusal(String value) {
        return assertThrows(InvalidParameterException.class,
                () -> LinkTargets.appTarget(billing, new RouteTarget.AppUrl("billing", TEMPLATE), Map.of("v", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://billing.example.evil/invoices/{v}",
            "https://billing.example@evil.example/invoices/{v}",
            "https://evil.example/billing.example/{v}",
            "http://billing.example/invoices/{v}",
            "https://billing.example:8443/invoices/{v}",
            "https://billing.example./invoices/{v}",
            "https://billing\u3002example/invoices/{v}",
            "https://xn--billing-.example/invoices/{v}",
            "https://billing.example/invoices/../../{v}",
            "https://billing.example/%2e%2e/{v}",
            "javascript://billing.example/%0aalert(1)//{v}",
    })
    void templatesOutsideTheAppsBaseUrlsAreRefused(String template) {
        assertThrows(LinkTargets.TargetRefusedException.class,
                () -> LinkTargets.appTarget(billing, new RouteTarget.AppUrl("billing", template), Map.of("v", "1")));
    }

    @Test
    void aValueCannotLeaveTheAppEvenWhenItLooksLikeAUrl() {
        for (String value : new String[] {"//evil.example", "https://evil.example", "@evil.example", "\\\\evil.example",
                "javascript:alert(1)", "data:text/html,x", "JaVaScRiPt:alert(1)", "%0d%0aLocation:https://evil.example"}) {
            URI target = LinkTargets.appTarget(billing, new RouteTarget.AppUrl("billing",
                    "https://billing.example/go?next={v}"), Map.of("v", value));
            assertAll(value,
                    () -> assertEquals("billing.example", target.getHost()),
                    () -> assertEquals("/go", target.getRawPath()),
                    () -> assertEquals(1, target.getRawQuery().split("&").length));
        }
    }

    @Test
    void portalPagesMustStayLocal() {
        assertAll(
                () -> assertEquals("/pages/hello%20world?x=1", LinkTargets.pageTarget(new RouteTarget.PortalPage(
                        "/pages/{v}?x=1"), Map.of("v", "hello world"))),
                () -> assertEquals(Reason.NOT_LOCAL, assertThrows(LinkTargets.TargetRefusedException.class,
                        () -> LinkTargets.pageTarget(new RouteTarget.PortalPage("//evil.example/{v}"), Map.of("v", "x")))
                        .reason()),
                () -> assertThrows(InvalidParameterException.class, () -> LinkTargets.pageTarget(
                        new RouteTarget.PortalPage("/{v}/x"), Map.of("v", "/evil.example"))));
    }

    @Test
    void absentOptionalParametersExpandToNothing() {
        assertEquals("https://billing.example/invoices/42?tab=", LinkTargets.expand(
                "https://billing.example/invoices/{id}?tab={tab}", Map.of("id", "42")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "FRAGMENT | https://a.example/x           | https://a.example/x#portico_token=T",
            "FRAGMENT | https://a.example/x#top       | https://a.example/x#top&portico_token=T",
            "FRAGMENT | https://a.example/x?y=1#      | https://a.example/x?y=1#portico_token=T",
            "QUERY    | https://a.example/x           | https://a.example/x?portico_token=T",
            "QUERY    | https://a.example/x?y=1#top   | https://a.example/x?y=1&portico_token=T#top",
            "QUERY    | https://a.example/x?#top      | https://a.example/x?portico_token=T#top",
    })
    void theTokenTravelsInTheFragmentByDefaultOrInTheQuery(TokenPlacement placement, String target, String expected) {
        assertEquals(URI.create(expected), LinkTargets.withToken(URI.create(target), placement, "T"));
    }
}

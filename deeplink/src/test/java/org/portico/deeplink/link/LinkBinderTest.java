package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkBinderTest {

    private static final LinkRoute REPORT = LinkRoute.builder("report")
            .parameter(RouteParameter.of("year", ParameterType.INT))
            .parameter(RouteParameter.oneOf("quarter", List.of("q1", "q2", "q3", "q4")))
            .parameter(RouteParameter.of("note", ParameterType.STRING).optional())
            .target(new RouteTarget.AppUrl("billing", "https://billing.example/reports/{year}/{quarter}?note={note}"))
            .build();

    private static BoundLink bind(String path, String query) {
        return LinkBinder.bind(REPORT, LinkRequest.parse(path, query));
    }

    private static InvalidParameterException refused(String path, String query) {
        return assertThrows(InvalidParameterException.class, () -> bind(path, query));
    }

    @Test
    void pathSegmentsFillParametersInDeclaredOrderAndValuesAreNormalised() {
        BoundLink bound = bind("/link/report/02024/q3", null);
        assertEquals(Map.of("year", "2024", "quarter", "q3"), bound.params());
        assertEquals(List.of("year", "quarter"), List.copyOf(bound.params().keySet()));
        assertNull(bound.ticket());
        assertNull(bound.signature());
    }

    @Test
    void queryParametersMayGiveAnyParameterByName() {
        assertAll(
                () -> assertEquals(Map.of("year", "2024", "quarter", "q1", "note", "a b+c"),
                        bind("/link/report", "quarter=q1&note=a+b%2Bc&year=2024").params()),
                () -> assertEquals(Map.of("year", "2024", "quarter", "q2"), bind("/link/report/2024", "quarter=q2").params()),
                () -> assertEquals(Map.of("year", "2024", "quarter", "q2"), bind("/link/report/2024/q2/", "").params(),
                        "a trailing slash is not an empty parameter"));
    }

    @Test
    void aPlusIsAPlusInThePathAndASpaceInTheQuery() {
        assertEquals("x+y", bind("/link/report/2024/q1/x+y", null).params().get("note"));
        assertEquals("x y", bind("/link/report/2024/q1", "note=x+y").params().get("note"));
    }

    @Test
    void ticketAndSignatureArePorticosOwnQueryParameters() {
        BoundLink bound = bind("/link/report/2024/q1", "_ticket=abc&_sig=x.y.z");
        assertAll(
                () -> assertEquals("abc", bound.ticket()),
                () -> assertEquals("x.y.z", bound.signature()),
                () -> assertEquals(2, bound.params().size()),
                () -> assertTrue(refused("/link/report/2024/q1", "_ticket=a&_ticket=b").getMessage().contains("'_ticket'")));
    }

    @Test
    void eachOfPorticosOwnParametersMayBeGivenOnce() {
        assertAll(
                () -> assertEquals("parameter '_sig' is given more than once",
                        refused("/link/report/2024/q1", "_sig=a&_ticket=t&_sig=b").getMessage()),
                () -> assertEquals("parameter '_ticket' is given more than once",
                        refused("/link/report/2024/q1", "_ticket=t&_sig=a&_ticket=u").getMessage()));
    }

    @ParameterizedTest(name = "{0}?{1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "/link/report/2024         |                      | parameter 'quarter' is required",
            "/link/report/2024/q5      |                      | parameter 'quarter' must be one of q1, q2, q3, q4",
            "/link/report/abc/q1       |                      | parameter 'year' must be a whole number",
            "/link/report/2024/q1/n/x  |                      | parameter 'note' is the last parameter, but the link's path has 1 more value",
            "/link/report/2024/q1      | colour=red           | parameter 'colour' is not a parameter of this link",
            "/link/report/2024/q1      | year=2025            | parameter 'year' is given more than once (in the path and in the query)",
            "/link/report              | year=1&year=2&quarter=q1 | parameter 'year' is given more than once",
            "/link/report//q1          |                      | parameter 'year' is required",
            "/link/report/2024/q1      | %3Cscript%3E=1       | parameter '(unnamed)' is not a parameter of this link",
    })
    void refusalsNameTheParameterAndSayWhatIsExpected(String path, String query, String message) {
        assertEquals(message, refused(path, query).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%0d%0aSet-Cookie:x", "a%0Ab", "a%00b", "%0D", "a%7Fb", "a%C2%85b", "%zz", "%4", "%E2%82",
            "%C0%AF", "caf\u00e9", "a\rb", "a%09b"})
    void controlCharactersMalformedEscapesAndInvalidUtf8AreRefusedWithoutEchoingTheValue(String raw) {
        InvalidParameterException inPath = refused("/link/report/2024/q1/" + raw, null);
        InvalidParameterException inQuery = refused("/link/report/2024/q1", "note=" + raw);
        assertAll(
                () -> assertEquals("note", inPath.parameter()),
                () -> assertEquals("note", inQuery.parameter()),
                () -> assertFalse(inPath.getMessage().contains(raw)),
                () -> assertFalse(inQuery.getMessage().contains("Set-Cookie")));
    }

    @Test
    void valuesAreDecodedExactlyOnce() {
        assertAll(
                () -> assertEquals("%2f", bind("/link/report/2024/q1/%252f", null).params().get("note")),
                () -> assertEquals("../..", bind("/link/report/2024/q1", "note=..%2F..").params().get("note")),
                () -> assertEquals("%2e%2e", bind("/link/report/2024/q1", "note=%252e%252e").params().get("note")),
                () -> assertEquals("Zürich ✓", bind("/link/report/2024/q1/Z%C3%BCrich%20%E2%9C%93", null)
                        .params().get("note")));
    }

    @Test
    void theSignedContentIsThePathAndQueryWithoutTheSignature() {
        assertAll(
                () -> assertEquals("/link/report/2024/q1?note=a", LinkRequest.parse("/link/report/2024/q1",
                        "_sig=x.y.z&note=a").signedContent()),
                () -> assertEquals("/link/report/2024/q1", LinkRequest.parse("/link/report/2024/q1", "_sig=x.y.z")
                        .signedContent()),
                () -> assertEquals("/link/report?year=1&quarter=q1", LinkRequest.parse("/link/report",
                        "year=1&_sig=s&quarter=q1").signedContent()));
    }

    @Test
    void aLinkBuiltForARouteBindsBackToTheSameValues() {
        Map<String, String> values = Map.of("year", "2024", "quarter", "q4", "note", "a/b c&d=%");
        String link = LinkRequest.pathFor(REPORT, values, "tkt");
        int q = link.indexOf('?');
        BoundLink bound = LinkBinder.bind(REPORT, LinkRequest.parse(q < 0 ? link : link.substring(0, q),
                q < 0 ? null : link.substring(q + 1)));
        assertAll(
                () -> assertEquals("/link/report/2024/q4/a%2Fb%20c%26d%3D%25?_ticket=tkt", link),
                () -> assertEquals(values, bound.params()),
                () -> assertEquals("tkt", bound.ticket()),
                () -> assertEquals("/link/report?quarter=q1", LinkRequest.pathFor(REPORT, Map.of("quarter", "q1"), null)));
    }
}

package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.deeplink.app.UserClaim;

class LinkRouteTest {

    private static final RouteTarget BILLING = new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{id}");

    private static LinkRoute.Builder invoice() {
        return LinkRoute.builder("invoice").parameter(RouteParameter.of("id", ParameterType.INT)).target(BILLING);
    }

    /** The problems of a route that is expected to be invalid. */
    private static List<RouteProblem> problems(LinkRoute.Builder builder) {
        return assertThrows(InvalidRouteException.class, builder::build).problems();
    }

    private static RouteProblem only(LinkRoute.Builder builder) {
        List<RouteProblem> problems = problems(builder);
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    private static void assertProblem(String field, String message, LinkRoute.Builder builder) {
        assertEquals(said(field, message), only(builder).toString());
    }

    /** A problem as its {@link RouteProblem#toString()} says it: the field and the English text. */
    private static String said(String field, String english) {
        return field + ": " + english;
    }

    private static List<String> said(List<RouteProblem> problems) {
        return problems.stream().map(RouteProblem::toString).toList();
    }

    // ---- defaults and values -------------------------------------------------------------------------------

    @Test
    void theBuilderDefaultsAreLoginRequiredEnabledSameTabReusableFragmentTwoMinutes() {
        LinkRoute route = invoice().build();
        assertAll(
                () -> assertEquals("", route.description()),
                () -> assertFalse(route.guestsAllowed()),
                () -> assertEquals(Set.of(), route.roles()),
                () -> assertTrue(route.enabled()),
                () -> assertEquals(LinkWindow.SAME_TAB, route.window()),
                () -> assertFalse(route.oneTime()),
                () -> assertEquals(Duration.ofMinutes(2), route.tokenLifetime()),
                () -> assertEquals(Set.of(), route.claims()),
                () -> assertEquals(TokenPlacement.FRAGMENT, route.tokenPlacement()),
                () -> assertEquals(Optional.of("billing"), route.appId()),
                () -> assertEquals(ParameterType.INT, route.parameter("id").orElseThrow().type()),
                () -> assertEquals(Optional.empty(), route.parameter("other")));
    }

    @Test
    void toBuilderRebuildsAnEqualRoute() {
        LinkRoute route = invoice().description("d").roles("end-user", "site-admin").enabled(false)
                .validFrom(Instant.parse("2030-01-01T00:00:00Z")).validUntil(Instant.parse("2031-01-01T00:00:00Z"))
                .window(LinkWindow.NEW_TAB).oneTime(true).tokenLifetime(Duration.ofSeconds(30))
                .claims(UserClaim.EMAIL, UserClaim.NAME).tokenPlacement(TokenPlacement.QUERY).build();
        assertAll(
                () -> assertEquals(route, route.toBuilder().build()),
                () -> assertEquals(route, route.toBuilder().claims(UserClaim.NAME, UserClaim.EMAIL).build(),
                        "claims are a set: order does not matter"));
    }

    @Test
    void collectionsAreCopiedOnTheWayIn() {
        List<RouteParameter> parameters = new ArrayList<>(List.of(RouteParameter.of("id", ParameterType.INT)));
        Set<String> roles = new HashSet<>(Set.of("end-user"));
        LinkRoute route = new LinkRoute("invoice", null, parameters, BILLING, false, roles, true, null, null,
                LinkWindow.SAME_TAB, false, Duration.ofMinutes(1), Set.of(), TokenPlacement.FRAGMENT);
        parameters.clear();
        roles.add("site-admin");
        assertAll(
                () -> assertEquals(1, route.parameters().size()),
                () -> assertEquals(Set.of("end-user"), route.roles()),
                () -> assertThrows(UnsupportedOperationException.class, () -> route.parameters().clear()),
                () -> assertEquals("", route.description(), "a missing description is empty"));
    }

    /**
     * Regression: the constructor copied collections with {@code List.copyOf}/{@code Set.copyOf} and then asked them
     * {@code contains(null)}, which the JDK's immutable collections answer with a NullPointerException — so every
     * route failed to build, and a null element was an NPE instead of a problem.
     */
    @Test
    void nullElementsAreProblemsNotNullPointerExceptions() {
        List<RouteParameter> withNull = Arrays.asList(RouteParameter.of("id", ParameterType.INT), null);
        Set<String> rolesWithNull = new HashSet<>(Arrays.asList("end-user", null));
        Set<UserClaim> claimsWithNull = new HashSet<>(Arrays.asList(UserClaim.NAME, null));
        LinkRoute valid = invoice().build();

        List<RouteProblem> problems = assertThrows(InvalidRouteException.class, () -> new LinkRoute("invoice", "",
                withNull, new RouteTarget.AppUrl("billing", "https://billing.example/"), false, rolesWithNull, true,
                null, null, LinkWindow.SAME_TAB, false, Duration.ofMinutes(1), claimsWithNull,
                TokenPlacement.FRAGMENT)).problems();

        assertAll(
                () -> assertEquals("invoice", valid.name()),
                () -> assertEquals(List.of(
                        said("parameters", "must be a list of parameters (may be empty)"),
                        said("roles", "must be a set of role names (may be empty)"),
                        said("claims", "must be a set of name, email, roles (may be empty)")), said(problems)));
    }

    // ---- every problem, with its message -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "Invoice", "-invoice", "in voice", "invoice/1", "ä", "x1234567890123456789012345678901234567890123456789012345678901234"})
    void badNames(String name) {
        assertProblem("name", "must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit, e.g."
                + " 'invoice'", LinkRoute.builder(name).target(new RouteTarget.PortalPage("/home.xhtml")));
    }

    @Test
    void goodNames() {
        for (String name : List.of("a", "1", "invoice", "welcome-offer", "x".repeat(63))) {
            assertEquals(name, LinkRoute.builder(name).target(new RouteTarget.PortalPage("/")).build().name());
        }
        assertProblem("name", "must be 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit, e.g."
                + " 'invoice'", LinkRoute.builder(null).target(new RouteTarget.PortalPage("/")));
    }

    @Test
    void theDescriptionHasAtMost500Characters() {
        assertEquals(500, invoice().description("d".repeat(500)).build().description().length());
        assertProblem("description", "must be at most 500 characters", invoice().description("d".repeat(501)));
    }

    @Test
    void parameterProblemsAreTiedToTheirIndex() {
        List<RouteProblem> problems = problems(LinkRoute.builder("r")
                .parameter(new RouteParameter("1st", ParameterType.STRING, true, List.of(), null, 0))
                .parameter(new RouteParameter("kind", null, true, List.of(), null, 200))
                .parameter(new RouteParameter("e", ParameterType.ENUM, true, List.of(), null, 200))
                .parameter(new RouteParameter("e2", ParameterType.ENUM, true, Arrays.asList("a", null), null, 200))
                .parameter(new RouteParameter("e3", ParameterType.ENUM, true, List.of("a", "a"), null, 200))
                .parameter(new RouteParameter("e4", ParameterType.ENUM, true, List.of("a\nb"), null, 200))
                .parameter(new RouteParameter("s", ParameterType.STRING, true, List.of("a"), "[a-z]+", 501))
                .parameter(new RouteParameter("p", ParameterType.PATTERN, true, List.of(), null, 200))
                .parameter(new RouteParameter("q", ParameterType.PATTERN, true, List.of(), "[A-Z", 200))
                .parameter(new RouteParameter("big", ParameterType.ENUM, true,
                        IntStream.range(0, 101).mapToObj(Integer::toString).toList(), null, 200))
                .parameter(new RouteParameter("long", ParameterType.PATTERN, true, List.of(), "a".repeat(201), 200))
                .target(new RouteTarget.PortalPage("/x")));

        assertAll(
                () -> assertEquals(said("parameters[0].name", "must be 1 to 32 characters of letters, digits"
                        + " and '_', starting with a letter, e.g. 'invoiceId'"), problems.get(0).toString()),
                () -> assertEquals(said("parameters[0].maxLength", "must be between 1 and 500"), problems.get(1).toString()),
                () -> assertEquals(said("parameters[1].type", "must be one of string, int, uuid, enum, pattern"),
                        problems.get(2).toString()),
                () -> assertEquals(said("parameters[2].values", "an enum parameter needs 1 to 100 allowed values"),
                        problems.get(3).toString()),
                () -> assertEquals(said("parameters[3].values", "each allowed value must be 1 to 100 characters"
                        + " without control characters"), problems.get(4).toString()),
                () -> assertEquals(said("parameters[4].values", "allowed values must not repeat"), problems.get(5).toString()),
                () -> assertEquals(said("parameters[5].values", "each allowed value must be 1 to 100 characters"
                        + " without control characters"), problems.get(6).toString()),
                () -> assertEquals(said("parameters[6].maxLength", "must be between 1 and 500"), problems.get(7).toString()),
                () -> assertEquals(said("parameters[6].values", "only enum parameters have allowed values"),
                        problems.get(8).toString()),
                () -> assertEquals(said("parameters[6].pattern", "only pattern parameters have a regular"
                        + " expression"), problems.get(9).toString()),
                () -> assertEquals(said("parameters[7].pattern", "a pattern parameter needs a regular expression"
                        + " of 1 to 200 characters, e.g. '[A-Z]{2}-[0-9]{4}'"), problems.get(10).toString()),
                () -> assertEquals("parameters[8].pattern", problems.get(11).field()),
                () -> assertTrue(problems.get(11).message().startsWith("is not a valid regular expression: missing closing ]"),
                        problems.get(11).message()),
                () -> assertEquals(said("parameters[9].values", "an enum parameter needs 1 to 100 allowed values"),
                        problems.get(12).toString()),
                () -> assertEquals(said("parameters[10].pattern", "a pattern parameter needs a regular"
                        + " expression of 1 to 200 characters, e.g. '[A-Z]{2}-[0-9]{4}'"), problems.get(13).toString()),
                () -> assertEquals(14, problems.size(), problems::toString));
    }

    @Test
    void parameterNamesAreUniqueAndAtMostTwentyParametersAreAllowed() {
        List<RouteParameter> many = IntStream.range(0, 21).mapToObj(i -> RouteParameter.of("p" + i, ParameterType.INT)).toList();
        assertAll(
                () -> assertProblem("parameters[1].name", "'id' is declared twice",
                        invoice().parameter(RouteParameter.of("id", ParameterType.STRING))),
                () -> assertProblem("parameters", "a route may have at most 20 parameters",
                        LinkRoute.builder("many").parameters(many).target(new RouteTarget.PortalPage("/x"))),
                () -> assertEquals(20, LinkRoute.builder("many").parameters(many.subList(0, 20))
                        .target(new RouteTarget.PortalPage("/x")).build().parameters().size()),
                () -> assertProblem("parameters", "must be a list of parameters (may be empty)",
                        LinkRoute.builder("r").target(new RouteTarget.PortalPage("/x")).parameters(Collections.singletonList(null))));
    }

    @Test
    void optionalParametersComeAfterTheRequiredOnes() {
        RouteParameter page = RouteParameter.of("page", ParameterType.INT).optional();
        LinkRoute fine = invoice().parameter(page).parameter(RouteParameter.of("tab", ParameterType.STRING).optional()).build();

        assertAll(
                () -> assertEquals(List.of(true, false, false), fine.parameters().stream().map(RouteParameter::required).toList()),
                () -> assertProblem("parameters[1].required", "required parameters must come before optional ones (path"
                        + " segments fill them in order)", LinkRoute.builder("r").parameter(page)
                        .parameter(RouteParameter.of("id", ParameterType.INT)).target(new RouteTarget.PortalPage("/x"))));
    }

    @Test
    void aTargetIsRequired() {
        assertProblem("target", "is required: a Portico page or an app URL template",
                LinkRoute.builder("r").parameter(RouteParameter.of("id", ParameterType.INT)));
    }

    @Test
    void placeholdersMustNameDeclaredParametersAndBeBalanced() {
        assertAll(
                () -> assertProblem("target.template", "{invoiceId} is not a declared parameter", invoice()
                        .target(new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{invoiceId}"))),
                () -> assertProblem("target.path", "{slug} is not a declared parameter",
                        LinkRoute.builder("r").target(new RouteTarget.PortalPage("/pages/{slug}"))),
                () -> assertProblem("target.template", "{} is not a declared parameter",
                        invoice().target(new RouteTarget.AppUrl("billing", "https://billing.example/{id}/{}"))),
                () -> assertProblem("target.template", "has an unbalanced '{' or '}'; placeholders look like {id}",
                        invoice().target(new RouteTarget.AppUrl("billing", "https://billing.example/{id"))),
                () -> assertProblem("target.template", "has an unbalanced '{' or '}'; placeholders look like {id}",
                        invoice().target(new RouteTarget.AppUrl("billing", "https://billing.example/{{id}}"))),
                () -> assertEquals(List.of("id", "tab", "id"), LinkRoute.placeholders("https://b.example/{id}?tab={tab}#{id}")),
                () -> assertEquals(List.of(), LinkRoute.placeholders("https://b.example/")),
                () -> assertTrue(invoice().parameter(RouteParameter.of("unused", ParameterType.INT).optional()).build()
                        .parameter("unused").isPresent(), "a declared parameter need not appear in the template"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://billing.example/a b", "https://billing.example/\t", "https://billing.example/\u007f"})
    void templatesHaveNoSpacesOrControlCharacters(String template) {
        assertProblem("target.template", "must be 1 to 2000 characters without spaces or control characters",
                invoice().target(new RouteTarget.AppUrl("billing", template)));
    }

    @Test
    void templatesHaveAtMost2000Characters() {
        String prefix = "https://billing.example/";
        assertAll(
                () -> invoice().target(new RouteTarget.AppUrl("billing", prefix + "a".repeat(2000 - prefix.length()))).build(),
                () -> assertProblem("target.template", "must be 1 to 2000 characters without spaces or control characters",
                        invoice().target(new RouteTarget.AppUrl("billing", prefix + "a".repeat(2001 - prefix.length())))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing.example/{id}", "ftp://billing.example/{id}", "javascript:alert({id})",
            "//billing.example/{id}", "https:///{id}", "https://", "/invoices/{id}"})
    void appTemplatesAreAbsoluteHttpUrls(String template) {
        assertProblem("target.template", "must be an absolute http(s) URL, e.g. 'https://billing.example/invoices/{id}'",
                invoice().target(new RouteTarget.AppUrl("billing", template)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://{id}/", "https://{id}.billing.example/", "https://billing.example:{id}/x",
            "https://{id}@billing.example/", "http://billing.{id}", "https://billing.example{id}"})
    void placeholdersAreNeverInTheHost(String template) {
        assertProblem("target.template", "placeholders may be used in the path, query or fragment, never in the host",
                invoice().target(new RouteTarget.AppUrl("billing", template)));
    }

    @Test
    void placeholdersMayBeInPathQueryAndFragment() {
        for (String template : List.of("https://billing.example/{id}", "https://billing.example?id={id}",
                "https://billing.example#{id}", "http://localhost:8080/demo-app/invoices/{id}/lines")) {
            assertEquals(template, invoice().target(new RouteTarget.AppUrl("billing", template)).build().target().template());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Billing", "b", "-billing", "bill ing", ""})
    void appIdsLookLikeRegisteredAppIds(String appId) {
        assertProblem("target.appId", "must name a registered app, e.g. 'billing'",
                invoice().target(new RouteTarget.AppUrl(appId, "https://billing.example/{id}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"home.xhtml", "//evil.example/", "/\\evil.example", "/a\\b", "/{slug}", "https://evil.example/"})
    void porticoPagesAreLocalPaths(String path) {
        LinkRoute.Builder builder = LinkRoute.builder("r").parameter(RouteParameter.of("slug", ParameterType.STRING))
                .target(new RouteTarget.PortalPage(path));
        assertProblem("target.path", "must be a Portico path starting with a single '/', e.g. '/pages/{slug}', and may"
                + " not start with a placeholder", builder);
    }

    @Test
    void porticoPagesMayHavePlaceholdersAfterTheFirstSegment() {
        LinkRoute page = LinkRoute.builder("page").parameter(RouteParameter.of("slug", ParameterType.STRING))
                .target(new RouteTarget.PortalPage("/pages/{slug}?from=link")).guestsAllowed(true).build();
        assertAll(
                () -> assertEquals(Optional.empty(), page.appId()),
                () -> assertEquals("/pages/{slug}?from=link", page.target().template()));
    }

    @Test
    void rolesAreLowerCaseNamesAndGuestRoutesRequireNone() {
        assertAll(
                () -> assertProblem("roles", "role names are lower case, e.g. 'end-user'", invoice().roles("Site-Admin")),
                () -> assertProblem("roles", "role names are lower case, e.g. 'end-user'", invoice().roles("")),
                () -> assertProblem("roles", "a route open to guests cannot require roles",
                        invoice().guestsAllowed(true).roles("end-user")),
                () -> assertEquals(Set.of(), invoice().guestsAllowed(true).build().roles()),
                () -> assertEquals(Set.of("end-user", "content-editor"), invoice().roles("end-user", "content-editor").build().roles()));
    }

    @Test
    void validUntilComesAfterValidFrom() {
        Instant t = Instant.parse("2030-06-01T12:00:00Z");
        assertAll(
                () -> assertProblem("validUntil", "must be after valid from", invoice().validFrom(t).validUntil(t)),
                () -> assertProblem("validUntil", "must be after valid from", invoice().validFrom(t).validUntil(t.minusSeconds(1))),
                () -> assertEquals(t, invoice().validUntil(t).build().validUntil(), "either end may be open"),
                () -> assertEquals(t, invoice().validFrom(t).build().validFrom()));
    }

    @Test
    void windowAndTokenPlacementAreRequired() {
        assertAll(
                () -> assertProblem("window", "must be same_tab or new_tab", invoice().window(null)),
                () -> assertProblem("tokenPlacement", "must be fragment or query", invoice().tokenPlacement(null)),
                () -> assertEquals(List.of(said("claims", "must be a set of name, email, roles (may be empty)")),
                        said(assertThrows(InvalidRouteException.class, () -> new LinkRoute("r", "", List.of(),
                                new RouteTarget.PortalPage("/"), false, Set.of(), true, null, null, LinkWindow.SAME_TAB,
                                false, Duration.ofMinutes(1), null, TokenPlacement.FRAGMENT)).problems())));
    }

    @Test
    void theTokenLifetimeIsWholeSecondsFromTenToAnHour() {
        String message = "must be a whole number of seconds between 10 and 3600 (default 120)";
        assertAll(
                () -> assertEquals(Duration.ofSeconds(10), invoice().tokenLifetime(Duration.ofSeconds(10)).build().tokenLifetime()),
                () -> assertEquals(Duration.ofHours(1), invoice().tokenLifetime(Duration.ofHours(1)).build().tokenLifetime()),
                () -> assertProblem("tokenLifetimeSeconds", message, invoice().tokenLifetime(Duration.ofSeconds(9))),
                () -> assertProblem("tokenLifetimeSeconds", message, invoice().tokenLifetime(Duration.ofSeconds(3601))),
                () -> assertProblem("tokenLifetimeSeconds", message, invoice().tokenLifetime(Duration.ofMillis(10_500))),
                () -> assertProblem("tokenLifetimeSeconds", message, invoice().tokenLifetime(null)));
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderOfTheFields() {
        InvalidRouteException e = assertThrows(InvalidRouteException.class, () -> LinkRoute.builder("Bad Name")
                .description("x".repeat(501))
                .parameter(RouteParameter.of("id", ParameterType.INT).optional())
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .target(new RouteTarget.AppUrl("Billing", "https://{host}/{nope}"))
                .guestsAllowed(true).roles("end-user")
                .validFrom(Instant.EPOCH).validUntil(Instant.EPOCH)
                .window(null).tokenLifetime(Duration.ZERO).tokenPlacement(null)
                .build());
        assertAll(
                () -> assertEquals(List.of("name", "description", "parameters[1].name", "parameters[1].required",
                        "target.template", "target.template", "target.appId", "target.template", "roles", "validUntil", "window",
                        "tokenLifetimeSeconds", "tokenPlacement"),
                        e.problems().stream().map(RouteProblem::field).toList()),
                () -> assertTrue(e.getMessage().startsWith("invalid link route: [name: must be"), e.getMessage()),
                () -> assertThrows(IllegalArgumentException.class, () -> new InvalidRouteException(List.of())));
    }

    // ---- parameter values ----------------------------------------------------------------------------------

    @Test
    void intValuesAreWholeNumbersInNormalForm() {
        RouteParameter id = RouteParameter.of("id", ParameterType.INT);
        assertAll(
                () -> assertEquals("42", id.check("42")),
                () -> assertEquals("7", id.check("007")),
                () -> assertEquals("-3", id.check("-3")),
                () -> assertEquals("0", id.check("-0")),
                () -> assertEquals(Long.toString(999_999_999_999_999_999L), id.check("999999999999999999")),
                () -> assertEquals("parameter 'id' must be a whole number",
                        assertThrows(InvalidParameterException.class, () -> id.check("+5")).getMessage()),
                () -> assertThrows(InvalidParameterException.class, () -> id.check("1.5")),
                () -> assertThrows(InvalidParameterException.class, () -> id.check("1e3")),
                () -> assertThrows(InvalidParameterException.class, () -> id.check("1234567890123456789"), "19 digits"),
                () -> assertThrows(InvalidParameterException.class, () -> id.check("٤٢"), "no other digits"));
    }

    @Test
    void uuidValuesAreCanonicalAndLowerCased() {
        RouteParameter customer = RouteParameter.of("customer", ParameterType.UUID);
        InvalidParameterException bad = assertThrows(InvalidParameterException.class,
                () -> customer.check("123e4567e89b12d3a456426614174000"));
        assertAll(
                () -> assertEquals("123e4567-e89b-12d3-a456-426614174000", customer.check("123E4567-E89B-12D3-A456-426614174000")),
                () -> assertEquals("parameter 'customer' must be a UUID such as 123e4567-e89b-12d3-a456-426614174000", bad.getMessage()),
                () -> assertEquals("customer", bad.parameter()),
                () -> assertThrows(InvalidParameterException.class, () -> customer.check("{123e4567-e89b-12d3-a456-426614174000}")));
    }

    @Test
    void enumValuesAreOneOfTheListExactly() {
        RouteParameter period = RouteParameter.oneOf("period", List.of("day", "week", "month"));
        assertAll(
                () -> assertEquals("week", period.check("week")),
                () -> assertEquals("parameter 'period' must be one of day, week, month",
                        assertThrows(InvalidParameterException.class, () -> period.check("Week")).getMessage()),
                () -> assertThrows(InvalidParameterException.class, () -> period.check("year")));
    }

    @Test
    void patternValuesMatchAsAWhole() {
        RouteParameter key = RouteParameter.matching("key", "[A-Z]{2,5}-[0-9]{1,6}");
        assertAll(
                () -> assertEquals("OPS-42", key.check("OPS-42")),
                () -> assertEquals("parameter 'key' does not have the expected form",
                        assertThrows(InvalidParameterException.class, () -> key.check("xOPS-42")).getMessage()),
                () -> assertThrows(InvalidParameterException.class, () -> key.check("OPS-42x"), "anchored at both ends"),
                () -> assertThrows(InvalidParameterException.class, () -> key.check("OPS-42\n")));
    }

    /**
     * Admins set patterns; anyone who opens a link runs them. A backtracking engine takes exponential or high
     * polynomial time on some: JDK 17 memoises {@code (a+)+$}, but {@code (.*a){12}} on 400 a's and a '!' tries
     * about 400^12 ways (24 a's already take seconds). RE2/J answers both in time linear in the value. The timeout is
     * no performance bound, it keeps a backtracking engine from hanging the build.
     */
    @Test
    @Timeout(60)
    void catastrophicPatternsAreMatchedInLinearTime() {
        String attack = "a".repeat(400) + "!";
        RouteParameter nested = new RouteParameter("key", ParameterType.PATTERN, true, List.of(), "(a+)+$", 500);
        RouteParameter repeated = new RouteParameter("key", ParameterType.PATTERN, true, List.of(), "(.*a){12}", 500);

        assertAll(
                () -> assertEquals("parameter 'key' does not have the expected form",
                        assertThrows(InvalidParameterException.class, () -> nested.check(attack)).getMessage()),
                () -> assertEquals("parameter 'key' does not have the expected form",
                        assertThrows(InvalidParameterException.class, () -> repeated.check(attack)).getMessage()),
                () -> assertEquals("a".repeat(400), nested.check("a".repeat(400))),
                () -> assertEquals("a".repeat(400), repeated.check("a".repeat(400))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"(a)\\1", "(?<x>a)\\k<x>", "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "a++", "(?>a|ab)c"})
    void patternsThatNeedBacktrackingAreRefusedAtSaveTimeNamingTheField(String regex) {
        RouteProblem problem = only(invoice().parameter(RouteParameter.matching("key", regex)));

        assertAll(
                () -> assertEquals("parameters[1].pattern", problem.field()),
                () -> assertTrue(problem.message().startsWith("uses a construct Portico does not run ("), problem.message()),
                () -> assertTrue(problem.message().contains("backreferences such as \\1, lookarounds such as (?=…)"),
                        problem.message()));
    }

    @Test
    void aPatternThatIsNoRegularExpressionAtAllSaysSo() {
        assertEquals(said("parameters[1].pattern", "is not a valid regular expression: missing closing )"),
                only(invoice().parameter(RouteParameter.matching("key", "(ab"))).toString());
    }

    @Test
    void stringValuesHaveALimitAndNoControlCharacters() {
        RouteParameter note = new RouteParameter("note", ParameterType.STRING, true, List.of(), null, 5);
        assertAll(
                () -> assertEquals("a b/c", note.check("a b/c"), "a checked value is returned as it is; encoding is later"),
                () -> assertEquals("parameter 'note' must be at most 5 characters",
                        assertThrows(InvalidParameterException.class, () -> note.check("abcdef")).getMessage()),
                () -> assertEquals("parameter 'note' must not contain control characters",
                        assertThrows(InvalidParameterException.class, () -> note.check("a\r\nb")).getMessage()));
    }

    @Test
    void missingValuesAreRequiredWithoutEchoingAnything() {
        RouteParameter id = RouteParameter.of("id", ParameterType.INT);
        assertAll(
                () -> assertEquals("parameter 'id' is required",
                        assertThrows(InvalidParameterException.class, () -> id.check(null)).getMessage()),
                () -> assertEquals("parameter 'id' is required",
                        assertThrows(InvalidParameterException.class, () -> id.check("")).getMessage()),
                () -> assertFalse(assertThrows(InvalidParameterException.class, () -> id.check("<script>"))
                        .getMessage().contains("<script>"), "the value is never echoed"));
    }

    @Test
    void outcomesAndTypesHaveLowerCaseCodes() {
        assertAll(
                () -> assertEquals("bad_signature", LinkOutcome.BAD_SIGNATURE.code()),
                () -> assertEquals("uuid", ParameterType.UUID.code()),
                () -> assertEquals("portico_token", TokenPlacement.PARAMETER));
    }

    @Test
    void aProblemCarriesItsMessageKeyAndParametersAndSaysThemInEnglish() {
        RouteProblem undeclared = only(LinkRoute.builder("r").target(new RouteTarget.PortalPage("/pages/{slug}")));
        RouteProblem lifetime = only(invoice().tokenLifetime(Duration.ofSeconds(5)));

        assertAll(
                () -> assertEquals(RouteText.UNDECLARED_PLACEHOLDER.with("{slug}"), undeclared.text()),
                () -> assertEquals("deeplink.route.undeclared-placeholder", undeclared.text().key()),
                () -> assertEquals("{slug} is not a declared parameter", undeclared.message()),
                () -> assertEquals("deeplink.route.token-lifetime", lifetime.text().key()),
                () -> assertEquals(List.of(10L, 3600L, 120L), lifetime.text().params()),
                () -> assertEquals("must be a whole number of seconds between 10 and 3600 (default 120)",
                        lifetime.message()),
                () -> assertEquals("routes[2].target.path: {slug} is not a declared parameter",
                        undeclared.about("routes[2]." + undeclared.field()).toString()));
    }
}

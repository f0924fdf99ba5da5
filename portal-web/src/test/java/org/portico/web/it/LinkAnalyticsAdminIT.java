package org.portico.web.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site admin reads the link analytics in the browser: chart, totals per route, the route filter and the CSV. */
class LinkAnalyticsAdminIT extends BrowserTestBase {

    /** Longer than a test here takes: closer to midnight (UTC), a test first waits for the new day. */
    private static final Duration BEFORE_MIDNIGHT = Duration.ofMinutes(2);

    /**
     * Today in UTC, the day the page's default range ends on. The tests fire events on days counted from it and read
     * the range the page shows, so they must run within one day: near midnight this waits for the next day first.
     */
    private static LocalDate today() throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Duration left = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC));
        if (left.compareTo(BEFORE_MIDNIGHT) < 0) {
            Thread.sleep(left.plusSeconds(1).toMillis());
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Types a day into a date picker's input field, replacing the day it shows, and leaves the field. */
    private void typeDay(String cssSelector, String text) {
        WebElement field = find(cssSelector);
        field.click();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text); // replaces the day the picker shows
        field.sendKeys(Keys.TAB); // leaves the field: the picker takes the day and closes its calendar
        waitUntil(driver -> text.equals(field.getAttribute("value")));
    }

    private void fire(String route, String outcome, LocalDate day, int count) throws Exception {
        LinkAnalyticsApiIT.fire(url(""), route, outcome, day + "T12:00:00Z", count, null, "ada");
    }

    /** Picks a route in the filter's drop-down, the way a person does: open it, click the route. */
    private void choose(String route) {
        find("#analytics\\:route").click();
        WebElement item = find("#analytics\\:route_panel li[data-label='" + route + "']");
        waitUntil(driver -> "1".equals(find("#analytics\\:route_panel").getCssValue("opacity"))); // opened, not moving
        item.click();
        waitUntil(ExpectedConditions.textToBe(By.id("analytics:route_label"), route));
    }

    /** The cells of the totals table's row for one route: route, one count per outcome, total. */
    private List<String> totalsRow(String route) {
        return all("#analytics\\:totals_data > tr").stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .filter(cells -> cells.get(0).equals(route))
                .findFirst().orElseThrow(() -> new AssertionError(route + " not in " + find("#analytics\\:totals").getText()));
    }

    /** What the Chart.js instance on the canvas draws: outcome = sum of its bars. */
    private String chartSums() {
        return (String) ((JavascriptExecutor) browser()).executeScript(
                "var chart = Chart.getChart(document.querySelector('#analytics\\\\:chart canvas'));"
                        + "return chart ? chart.data.datasets.filter(d => d.data.some(v => v > 0))"
                        + ".map(d => d.label + '=' + d.data.reduce((a, b) => a + b, 0)).join(' ') : 'no chart';");
    }

    @Test
    void adaSeesTheChartAndTotalsPerRouteFiltersByRouteAndReadsTheCsv() throws Exception {
        LocalDate today = today();
        String billing = unique("billing-");
        String reports = unique("reports-");
        fire(billing, "ok", today.minusDays(1), 5);
        fire(billing, "expired", today.minusDays(1), 2);
        fire(billing, "bad_signature", today, 1);
        fire(reports, "ok", today, 3);
        fire(reports, "denied", today.minusDays(29), 1);

        loginAs("ada", DEMO_PASSWORD);
        clickToNavigate("#nav-link-analytics");
        assertEquals("/admin/link-analytics.xhtml", path());
        find("#analytics\\:chart canvas");
        // columns: route, ok, expired, bad_signature, replayed, denied, unknown_route, invalid_parameter, total
        assertAll(
                () -> assertEquals(List.of(billing, "5", "2", "1", "0", "0", "0", "0", "8"), totalsRow(billing)),
                () -> assertEquals(List.of(reports, "3", "0", "0", "0", "1", "0", "0", "4"), totalsRow(reports)),
                () -> assertTrue(find("#shown").getText().startsWith("All routes, " + today.minusDays(29)
                        + " to " + today), "the last 30 days by default"));

        choose(billing);
        find("#analytics\\:apply").click();
        waitUntil(ExpectedConditions.textToBe(By.id("totalCount"), "8"));
        assertAll(
                () -> assertEquals(1, all("#analytics\\:totals_data > tr").size(), "only the chosen route"),
                () -> assertEquals(List.of(billing, "5", "2", "1", "0", "0", "0", "0", "8"), totalsRow(billing)),
                () -> assertEquals("ok=5 expired=2 bad_signature=1", chartSums(), "the chart drew the new data"));

        String csvUrl = find("#analytics\\:export").getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvUrl))
                .header("Cookie", "PORTICO_SESSION=" + sessionCookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertAll(
                () -> assertEquals(200, csv.statusCode()),
                () -> assertTrue(csvUrl.contains("route=" + billing), csvUrl),
                () -> assertEquals("resolved_at,route,outcome,app_id,username", lines.get(0)),
                () -> assertEquals(9, lines.size(), "header and billing's 8 events: " + csv.body()),
                () -> assertEquals(today.minusDays(1) + "T12:00:00Z," + billing + ",ok,,ada", lines.get(1)),
                () -> assertEquals(today + "T12:00:00Z," + billing + ",bad_signature,,ada", lines.get(8)));
        ((JavascriptExecutor) browser()).executeScript("document.getElementById('analytics:totals').scrollIntoView()");
    }

    @Test
    void aBackwardsRangeIsExplainedAndAnEmptyRangeSaysSo() throws Exception {
        LocalDate today = today();
        loginAs("ada", DEMO_PASSWORD);
        open("/admin/link-analytics.xhtml");

        typeDay("#analytics\\:from_input", "2019-03-10");
        typeDay("#analytics\\:to_input", "2019-03-01");
        find("#analytics\\:apply").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("analytics:messages"), "is after the last day"));
        assertTrue(find("#shown").getText().contains(today.toString()), "still shows the last valid range");

        typeDay("#analytics\\:to_input", "2019-03-31");
        find("#analytics\\:apply").click();
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("shown"), "2019-03-10 to 2019-03-31"));
        assertAll(
                () -> assertTrue(find("#analytics\\:empty").getText().contains("No deep links were followed in this range.")),
                () -> assertFalse(present("#analytics\\:chart")),
                () -> assertFalse(browser().findElement(By.id("analytics:messages")).getText().contains("is after")));
    }

    @Test
    void usersWithoutTheRoleSeeNeitherPageNorLink() {
        assertAliceSeesNeitherPageNorLink("/admin/link-analytics.xhtml", "#nav-link-analytics");
    }
}

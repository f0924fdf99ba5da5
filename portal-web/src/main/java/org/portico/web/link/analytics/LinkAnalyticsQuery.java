package org.portico.web.link.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.portico.web.i18n.Texts;
import org.portico.web.link.LinkResolved;

/**
 * What the analytics page, the REST API and the CSV export ask for: one route or all, over a range of whole UTC
 * days (both ends inclusive). Valid by construction; {@link #of} says what is wrong with rejected input.
 *
 * @param route the route name, or {@code null} for all routes
 * @param from  first day
 * @param to    last day, not before {@code from}, at most {@link #MAX_DAYS} days after it
 */
public record LinkAnalyticsQuery(String route, LocalDate from, LocalDate to) {

    /** Longest range, in days: a year of daily bars is still readable, and the query stays cheap. */
    public static final int MAX_DAYS = 366;

    /** The range the page opens with: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    public LinkAnalyticsQuery {
        route = route == null || route.isBlank() ? null : route.strip();
        if (from == null || to == null) {
            throw new InvalidQueryException("problem.link-analytics.days-missing");
        }
        if (from.isAfter(to)) {
            throw new InvalidQueryException("problem.link-analytics.backwards", from.toString(), to.toString());
        }
        long days = days(from, to);
        if (days > MAX_DAYS) {
            throw new InvalidQueryException("problem.link-analytics.too-long", String.valueOf(days),
                    String.valueOf(MAX_DAYS), to.minusDays(MAX_DAYS - 1).toString(), to.toString());
        }
        if (route != null && route.length() > LinkResolved.MAX_ROUTE) {
            throw new InvalidQueryException("problem.link-analytics.route-too-long",
                    String.valueOf(LinkResolved.MAX_ROUTE), String.valueOf(route.length()));
        }
    }

    /**
     * The query for the given values, where a missing day takes its default: the last day defaults to today, the
     * first to {@link #DEFAULT_DAYS} days up to the last.
     *
     * @throws InvalidQueryException with a message for people when the range is backwards, too long or the route
     *                               name too long
     */
    public static LinkAnalyticsQuery of(String route, LocalDate from, LocalDate to, LocalDate today) {
        LocalDate last = to != null ? to : from != null && from.isAfter(today) ? from : today;
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        return new LinkAnalyticsQuery(route, first, last);
    }

    /** Every route, the last {@link #DEFAULT_DAYS} days up to today. */
    public static LinkAnalyticsQuery lastDays(LocalDate today) {
        return of(null, null, null, today);
    }

    /** Number of days in the range, both ends counted. */
    public long days() {
        return days(from, to);
    }

    /** The first instant of the range. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The query asked for something that can't be answered; the message says what to change. It is the bundle's
     * {@link #messageKey()} with {@link #messageParams()} (days as ISO dates, numbers as written), shown in the
     * reader's language by {@link #message(Locale)}; {@link #getMessage()} is the English text, for logs.
     */
    public static final class InvalidQueryException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String key;
        private final String[] params;

        /** @param key the bundle key ({@code problem.link-analytics.*}) */
        public InvalidQueryException(String key, String... params) {
            super(Texts.format(Locale.ENGLISH, key, (Object[]) params));
            this.key = key;
            this.params = params.clone();
        }

        /** The bundle key of the message. */
        public String messageKey() {
            return key;
        }

        /** The message's parameters. */
        public Object[] messageParams() {
            return params.clone();
        }

        /** The message in a language. */
        public String message(Locale locale) {
            return Texts.format(locale, key, (Object[]) params);
        }
    }
}

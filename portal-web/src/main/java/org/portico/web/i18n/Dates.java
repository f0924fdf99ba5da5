package org.portico.web.i18n;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.omnifaces.util.Faces;

/**
 * Instants as people read them in their language, in UTC (the zone every Portico page states): Faces 4.0's
 * {@code <f:convertDateTime>} has no {@code java.time.Instant} type, and Portico's entities hold instants.
 * In pages: {@code #{portico:date(user.createdAt)}} ("December 6, 2026" / "6. Dezember 2026"),
 * {@code #{portico:dateTime(entry.occurredAt)}}; the view's locale applies. Numbers need nothing of this:
 * {@code <f:convertNumber>} follows the view's locale. Thread-safe.
 */
public final class Dates {

    /** The formatters per locale: a localized formatter is resolved from the locale's data on each use otherwise. */
    private static final Map<Locale, DateTimeFormatter> DATES = new ConcurrentHashMap<>();
    private static final Map<Locale, DateTimeFormatter> DATE_TIMES = new ConcurrentHashMap<>();

    private Dates() {
    }

    /** The day, written out: {@code December 6, 2026}, {@code 6. Dezember 2026}. Null for null. */
    public static String date(Instant instant, Locale locale) {
        return instant == null ? null
                : DATES.computeIfAbsent(locale, key -> formatter(FormatStyle.LONG, null, key)).format(instant);
    }

    /** Day and time to the second, in the locale's short form, with "UTC": {@code 06.12.2026, 16:30:05 UTC}. */
    public static String dateTime(Instant instant, Locale locale) {
        return instant == null ? null
                : DATE_TIMES.computeIfAbsent(locale, key -> formatter(FormatStyle.MEDIUM, FormatStyle.MEDIUM, key))
                        .format(instant) + " UTC";
    }

    /** The locale's own pattern for these styles, resolved once, in UTC. */
    private static DateTimeFormatter formatter(FormatStyle date, FormatStyle time, Locale locale) {
        return DateTimeFormatter.ofPattern(DateTimeFormatterBuilder.getLocalizedDateTimePattern(date, time,
                IsoChronology.INSTANCE, locale), locale).withZone(ZoneOffset.UTC);
    }

    /** EL function {@code portico:date}: {@link #date(Instant, Locale)} in the current view's locale. */
    public static String date(Instant instant) {
        return date(instant, Faces.getLocale());
    }

    /** EL function {@code portico:dateTime}: {@link #dateTime(Instant, Locale)} in the current view's locale. */
    public static String dateTime(Instant instant) {
        return dateTime(instant, Faces.getLocale());
    }
}

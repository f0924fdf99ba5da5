package org.portico.web.i18n;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.omnifaces.util.Faces;

/**
 * Instants as people read them in their language, in UTC (the zone every Portico page states): Faces 4.0's
 * {@code <f:convertDateTime>} has no {@code java.time.Instant} type, and Portico's entities hold instants.
 * In pages: {@code #{portico:date(user.createdAt)}} ("December 6, 2026" / "6. Dezember 2026"),
 * {@code #{portico:dateTime(entry.occurredAt)}}; the view's locale applies. Numbers need nothing of this:
 * {@code <f:convertNumber>} follows the view's locale. Thread-safe.
 */
public final class Dates {

    private Dates() {
    }

    /** The day, written out: {@code December 6, 2026}, {@code 6. Dezember 2026}. Null for null. */
    public static String date(Instant instant, Locale locale) {
        return instant == null ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(ZoneOffset.UTC).format(instant);
    }

    /** Day and time to the second, in the locale's short form, with "UTC": {@code 06.12.2026, 16:30:05 UTC}. */
    public static String dateTime(Instant instant, Locale locale) {
        return instant == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                        .format(instant) + " UTC";
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

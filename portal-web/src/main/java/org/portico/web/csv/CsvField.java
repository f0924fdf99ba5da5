package org.portico.web.csv;

/**
 * One field of Portico's CSV exports (RFC 4180: comma-separated, quotes doubled), written so that no spreadsheet
 * runs it as a formula whatever its locale.
 *
 * <p>The exports hold text that strangers type (a failed login's username, a route name in a link, an app name), so a
 * field is both <em>quoted</em> and <em>neutralised</em> when it is risky:
 * <ul>
 *   <li>Quoted when it holds a comma, quote, CR or LF (RFC 4180), and also a semicolon or a tab: spreadsheets in
 *   many locales split on {@code ;} (or on tab when pasted), so {@code a;=HYPERLINK(…)} unquoted becomes two cells,
 *   the second a formula.</li>
 *   <li>Neutralised (an apostrophe put in front, inside the quotes) when it starts with {@code = + - @}, tab or CR,
 *   the starts OWASP lists for CSV injection: {@code "'=HYPERLINK(…)"} reaches the sheet as text.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class CsvField {

    private CsvField() {
    }

    /** The field for {@code value}: empty for null or empty, else quoted and neutralised as described above. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean formula = startsLikeFormula(value);
        if (!formula && !needsQuotes(value)) {
            return value;
        }
        return '"' + (formula ? "'" : "") + value.replace("\"", "\"\"") + '"';
    }

    private static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ',', '"', '\r', '\n', ';', '\t' -> {
                    return true;
                }
                default -> {
                    // an ordinary character
                }
            }
        }
        return false;
    }
}

package org.portico.web.language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Portico speaks, and the rule that picks one for a request: the person's choice in the user menu (kept
 * on the user account when logged in, else in the {@value #COOKIE} cookie), else the best match of the browser's
 * {@code Accept-Language}, else English. Pure rules, thread-safe.
 */
public final class Languages {

    /** The root bundle's language: what anyone gets when nothing else matches. */
    public static final Locale DEFAULT = Locale.ENGLISH;

    /** Every language with a complete bundle, in the order the user menu offers them (as in faces-config.xml). */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    /** The cookie holding a guest's choice (and a logged-in user's, for after the logout). */
    public static final String COOKIE = "PORTICO_LANG";

    /** A browser sends a few dozen characters; a longer header is ignored rather than parsed (it is a stranger's). */
    static final int MAX_ACCEPT_LANGUAGE = 512;

    private Languages() {
    }

    /** The supported language of a stored or posted tag ({@code en}, {@code de}); empty for anything else. */
    public static Optional<Locale> find(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(tag)).findFirst();
    }

    /**
     * The language of a request.
     *
     * @param account        the logged-in user's stored choice (a tag), or null
     * @param cookie         the value of the {@value #COOKIE} cookie, or null
     * @param acceptLanguage the {@code Accept-Language} header, or null
     */
    public static Locale choose(String account, String cookie, String acceptLanguage) {
        return find(account)
                .or(() -> find(cookie))
                .or(() -> fromAcceptLanguage(acceptLanguage))
                .orElse(DEFAULT);
    }

    /**
     * The supported language the browser prefers (RFC 4647 lookup: {@code de-CH} finds {@code de}, weights count);
     * empty when it names none of them, or the header is missing, too long or malformed.
     */
    static Optional<Locale> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_ACCEPT_LANGUAGE) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package org.portico.web.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.Logger;

/**
 * Portico's user-facing text: {@code org/portico/web/i18n/messages*.properties}, looked up by key in a locale and
 * formatted with {@link MessageFormat} (so dates and numbers in parameters follow the locale too).
 * <p>
 * Faces pages read the same bundle as {@code #{msg['key']}}; Java code that shows text to people calls
 * {@link #format(Locale, String, Object...)}, and OmniFaces {@code Messages} resolves its message keys through here
 * (see {@link MessagesResolver}). A key missing from the bundle is a bug that {@code I18nBundleTest} catches; at
 * run time it shows as {@code ???key???} and is logged, never as a 500.
 */
public final class Texts {

    /** The bundle's base name, as registered in faces-config.xml. */
    public static final String BUNDLE = "org.portico.web.i18n.messages";

    private static final Logger LOG = Logger.getLogger(Texts.class.getName());

    /** Without the JVM's default locale as a fallback: a German server must not show German to an English user. */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    /** The bundle for a locale: its own file where there is one, else the root (English) bundle. */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader(), CONTROL);
    }

    /** The text for {@code key} in {@code locale}, with {@code params} formatted in that locale. */
    public static String format(Locale locale, String key, Object... params) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            LOG.warning(() -> "No text for key '" + key + "' in " + BUNDLE);
            return "???" + key + "???";
        }
        return new MessageFormat(pattern, locale).format(params == null ? new Object[0] : params);
    }
}

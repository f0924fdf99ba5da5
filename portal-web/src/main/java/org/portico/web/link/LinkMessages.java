package org.portico.web.link;

import java.util.Locale;

import org.portico.deeplink.link.LinkMessage;
import org.portico.web.i18n.Texts;

/**
 * Says a {@link LinkMessage} of the deep-link core (or of this package) in a language: the key from the bundle,
 * parameters that are messages themselves said first.
 */
public final class LinkMessages {

    private LinkMessages() {
    }

    /** The message's text in {@code locale}. */
    public static String format(Locale locale, LinkMessage message) {
        Object[] params = message.params().stream()
                .map(param -> param instanceof LinkMessage nested ? format(locale, nested) : param).toArray();
        return Texts.format(locale, message.key(), params);
    }
}

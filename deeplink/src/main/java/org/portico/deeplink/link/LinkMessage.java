package org.portico.deeplink.link;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message for the person who followed a link, as a message key and its parameters: the core decides what to say,
 * the application says it in the person's language (portal-web looks the key up in its resource bundle, where the
 * English text is the one {@link LinkText} holds). A parameter is a {@code String}, a {@code Number} or another
 * {@code LinkMessage} (rendered first, in the same language). Immutable.
 *
 * @param key    the message key, e.g. {@code deeplink.link.unknown-route}
 * @param params the parameters, in the order of the text's {@code {0}}, {@code {1}} …
 */
public record LinkMessage(String key, List<Object> params) {

    public LinkMessage {
        Objects.requireNonNull(key, "key");
        params = List.copyOf(params);
    }

    /** A message with these parameters. */
    public static LinkMessage of(String key, Object... params) {
        return new LinkMessage(key, Arrays.asList(params));
    }

    /**
     * The English text, for logs, tests and exception messages: the {@link LinkText} of the key, formatted; the key
     * itself for a key the core does not know.
     */
    public String english() {
        return LinkText.byKey(key).map(text -> new MessageFormat(text.english(), Locale.ENGLISH).format(params.stream()
                .map(p -> p instanceof LinkMessage nested ? nested.english() : p).toArray())).orElse(key);
    }
}

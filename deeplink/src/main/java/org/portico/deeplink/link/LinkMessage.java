package org.portico.deeplink.link;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message of the deep-link core, as a message key and its parameters: for the person who followed a link
 * ({@link LinkText}) or the site admin who defines a route ({@link RouteText}, in a {@link RouteProblem}). The core
 * decides what to say, the application says it in the reader's language (portal-web looks the key up in its resource
 * bundle, where the English text is the one the core's enum holds). A parameter is a {@code String}, a {@code Number}
 * or another {@code LinkMessage} (rendered first, in the same language). Immutable.
 *
 * @param key    the message key, e.g. {@code deeplink.link.unknown-route} or {@code deeplink.route.name}
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
     * The English text, for logs, tests and exception messages: the {@link LinkText} or {@link RouteText} of the key,
     * formatted; the key itself for a key the core does not know.
     */
    public String english() {
        return LinkText.byKey(key).map(LinkText::english)
                .or(() -> RouteText.byKey(key).map(RouteText::english))
                .map(text -> new MessageFormat(text, Locale.ENGLISH).format(params.stream()
                        .map(p -> p instanceof LinkMessage nested ? nested.english() : p).toArray()))
                .orElse(key);
    }
}

package org.portico.cdn.purge;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the adapters do alike with a {@link Purge} before sending it: check it fits the vendor's limits, put tags and
 * URLs in a stable order (so that equal purges make equal requests), and read a URL's parts.
 */
final class PurgeRequests {

    private PurgeRequests() {
    }

    /**
     * @throws IllegalArgumentException when the purge carries more tags or URLs than {@code limits} allow, or a tag
     *                                  the vendor cannot carry
     */
    static void requireWithin(PurgeLimits limits, Purge purge, String vendor) {
        if (!limits.purgesTags() && !purge.tags().isEmpty()) {
            throw new IllegalArgumentException(vendor + " cannot purge by tag: resolve the tags to URLs first, got "
                    + purge.tags().size() + " tags");
        }
        if (purge.tags().size() > limits.maxTags() || purge.urls().size() > limits.maxUrls()) {
            throw new IllegalArgumentException(vendor + " takes at most " + limits.maxTags() + " tags and "
                    + limits.maxUrls() + " URLs per purge, got " + purge.tags().size() + " and "
                    + purge.urls().size());
        }
        for (String tag : purge.tags()) {
            // Tags travel space-separated (Varnish's xkey, Fastly's Surrogate-Key): no spaces or controls inside.
            if (tag.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.isISOControl(c))) {
                throw new IllegalArgumentException("cache tag '" + tag.strip() + "' has a space or control "
                        + "character; " + vendor + " receives tags separated by spaces");
            }
        }
    }

    static List<String> sortedTags(Purge purge) {
        return purge.tags().stream().sorted().toList();
    }

    static List<URI> sortedUrls(Purge purge) {
        return purge.urls().stream().sorted().map(PurgeRequests::absoluteUrl).toList();
    }

    /**
     * An absolute http(s) URL in its ASCII form (non-ASCII characters percent-encoded).
     *
     * @throws IllegalArgumentException when {@code url} is not one
     */
    static URI absoluteUrl(String url) {
        URI uri;
        try {
            uri = new URI(new URI(url).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("a purge's URLs are absolute http or https URLs, got '" + url + "'");
        }
        return uri;
    }

    /** The URL's path and query as a request line has them: {@code /p/about?lang=de}, {@code /} for none. */
    static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The URL's host and port as a {@code Host} header has them: {@code portal.example.com:8443}. */
    static String hostAndPort(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** A duration as people read it in a message: {@code 250 ms}, {@code 10 s}. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 || millis % 1000 != 0 ? millis + " ms" : millis / 1000 + " s";
    }

    /** A vendor's text made safe to show: one line, no controls, at most 300 characters. */
    static String excerpt(String text) {
        String line = text.strip().replaceAll("[\\p{Cntrl}\\s]+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}

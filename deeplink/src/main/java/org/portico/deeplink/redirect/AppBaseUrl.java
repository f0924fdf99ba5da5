package org.portico.deeplink.redirect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A registered base URL of an app: the prefix that every redirect into that app must stay under.
 *
 * <p>Scheme and host are lower case, the port is explicit (443 or 80 when the URL named none) and the path has no
 * trailing slash ({@code ""} for the whole origin), so two spellings of the same base compare equal. A target is
 * {@linkplain #covers(String, String, int, String) covered} when scheme, host and port are equal and its path is the
 * base path or continues it at a segment boundary: {@code https://billing.example/app} covers {@code /app} and
 * {@code /app/x}, never {@code /application}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   lower-case ASCII host name (punycode for internationalised names) or bracketed IPv6 literal
 * @param port   1 to 65535
 * @param path   {@code ""} or an absolute path without trailing slash
 */
public record AppBaseUrl(String scheme, String host, int port, String path) {

    private static final String EXAMPLE = "e.g. 'https://billing.example' or 'https://apps.example:8443/billing'";

    /**
     * Checks the parts; use {@link #parse(String)} for text.
     *
     * @throws IllegalArgumentException when a part is not in the normalised form described above
     */
    public AppBaseUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("scheme must be 'https' or 'http', got '" + scheme + "'");
        }
        if (host.isEmpty() || !host.equals(host.toLowerCase(Locale.ROOT)) || host.endsWith(".")) {
            throw new IllegalArgumentException("host must be a lower-case name without trailing dot, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("path must be empty or start and not end with '/', got '" + path + "'");
        }
    }

    /**
     * Parses and normalises a base URL as a site admin enters it.
     *
     * @throws IllegalArgumentException with a message that shows a valid value, when the text is not an absolute
     *                                  http(s) URL with a host and without user information, query, fragment, dot
     *                                  segments, encoded delimiters or non-ASCII characters
     */
    public static AppBaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidBaseUrlException(InvalidBaseUrlException.Reason.EMPTY,
                    "base URL must not be empty, " + EXAMPLE, "");
        }
        try {
            UrlText.requireUrlCharacters(text, true);
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isOpaque() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw invalid(text, InvalidBaseUrlException.Reason.NOT_ABSOLUTE, "must be an absolute http(s) URL with a host");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid(text, InvalidBaseUrlException.Reason.EXTRAS, "must not have user information, a query or a fragment");
            }
            if (uri.getHost().endsWith(".")) {
                throw invalid(text, InvalidBaseUrlException.Reason.HOST_DOT, "must not end its host with a dot");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            UrlText.requireSafeEscapes(path, true);
            if (UrlText.hasDotSegment(path)) {
                throw invalid(text, InvalidBaseUrlException.Reason.DOT_SEGMENT, "must not contain '.' or '..' path segments");
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
            if (port < 1 || port > 65535) {
                throw invalid(text, InvalidBaseUrlException.Reason.PORT, "must have a port between 1 and 65535");
            }
            return new AppBaseUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path);
        } catch (URISyntaxException | RedirectRejectedException e) {
            throw invalid(text, InvalidBaseUrlException.Reason.NOT_VALID, "is not a valid URL (ASCII only: write internationalised hosts as xn--…)");
        }
    }

    private static InvalidBaseUrlException invalid(String text, InvalidBaseUrlException.Reason reason, String problem) {
        String value = printable(text);
        return new InvalidBaseUrlException(reason, "base URL " + problem + ", " + EXAMPLE + ", got '" + value + "'", value);
    }

    /**
     * A base URL a site admin entered that is not one. {@link #getMessage()} says why in English (for logs and
     * scripts); {@link #reason()} and {@link #value()} let an application say it in the reader's language.
     */
    public static final class InvalidBaseUrlException extends IllegalArgumentException {

        /** Why the text is not a base URL. */
        public enum Reason { EMPTY, NOT_ABSOLUTE, EXTRAS, HOST_DOT, DOT_SEGMENT, PORT, NOT_VALID }

        private final Reason reason;
        private final String value;

        InvalidBaseUrlException(Reason reason, String message, String value) {
            super(message);
            this.reason = reason;
            this.value = value;
        }

        public Reason reason() {
            return reason;
        }

        /** The refused text, made safe to quote (control characters escaped, at most 200 characters). */
        public String value() {
            return value;
        }
    }

    /** Keeps a hostile value from breaking a log line or a page when it is quoted in a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** Whether a normalised target (lower-case scheme and host, explicit port, raw path) lies under this base. */
    boolean covers(String targetScheme, String targetHost, int targetPort, String targetPath) {
        return scheme.equals(targetScheme)
                && host.equals(targetHost)
                && port == targetPort
                && (path.isEmpty() || targetPath.equals(path) || targetPath.startsWith(path + "/"));
    }

    /** The base URL in its normalised text form, default ports omitted. */
    @Override
    public String toString() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port) + path;
    }
}

package org.portico.web.settings;

import java.net.URI;

import org.portico.deeplink.keys.KeySetupException;

/** Portico's public base URL (the token issuer): an absolute http(s) URL without query, fragment or trailing slash. */
public record PorticoIssuer(String url) {

    public static PorticoIssuer parse(String value) {
        try {
            URI uri = URI.create(value.strip());
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException();
            }
            return new PorticoIssuer(value.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new KeySetupException("portico.issuer must be Portico's public base URL such as"
                    + " https://portal.example.org, got '" + value + "'");
        }
    }

    /**
     * Portico's RFC 6454 origin, {@code scheme://host[:port]} in lower case without the scheme's default port, e.g.
     * {@code https://portal.example}: what browsers send as {@code Origin} from Portico's pages.
     */
    public String origin() {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    public String resolve(String path) {
        return url + path;
    }
}

package org.portico.web.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.portico.web.language.Languages;

/**
 * What the proxy changes in the headers that pass it, as pure functions of strings (unit-tested; the Undertow handler
 * applies them): which request headers never reach the app, the {@code Cookie} header without Portico's proxy cookie,
 * the RFC 7239 {@code Forwarded} value, and the app's {@code Location} and {@code Set-Cookie} moved under its prefix
 * {@code /apps/{id}/} on the proxy origin. Stateless.
 */
public final class ProxyHeaders {

    /** The proxy session's cookie on the proxy origin: a name no app uses; never passed to the app. */
    public static final String COOKIE = "portico-proxy";

    /**
     * Cookies of Portico's that never reach an app, nor may an app set: the proxy's, Portico's session
     * ({@code PORTICO_SESSION} in web.xml) and the language ({@code Languages.COOKIE}). Portico's are host-only on
     * Portico's origin, so a browser never sends them to a proxy origin; they are dropped all the same. An app's own
     * cookies (its {@code JSESSIONID} too) pass.
     */
    static final Set<String> PORTICO_COOKIES = Set.of(COOKIE, "PORTICO_SESSION", Languages.COOKIE);

    /**
     * Request headers never passed on: the browser's credentials for Portico (the proxy sets {@code Authorization}
     * itself), hop-by-hop headers (RFC 9110 §7.6.1) and forwarding headers a client could forge (the proxy writes
     * its own).
     */
    static final Set<String> DROPPED_REQUEST = Set.of("authorization", "proxy-authorization", "connection",
            "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection", "forwarded",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-server",
            "x-forwarded-prefix");

    /**
     * Response headers that concern only the connection between the proxy and the app. ({@code Connection} and
     * {@code Keep-Alive} are Undertow's to write for the browser's connection.)
     */
    static final Set<String> DROPPED_RESPONSE = Set.of("proxy-authenticate", "proxy-connection", "trailer", "upgrade");

    private ProxyHeaders() {
    }

    /** Whether a request header (any case) stays behind; a WebSocket upgrade keeps its {@code Upgrade} and {@code Connection}. */
    public static boolean dropRequestHeader(String name, boolean webSocketUpgrade) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (webSocketUpgrade && (lower.equals("upgrade") || lower.equals("connection"))) {
            return false;
        }
        return DROPPED_REQUEST.contains(lower);
    }

    /** Whether a response header (any case) stays behind; a switch of protocols keeps {@code Upgrade} and {@code Connection}. */
    public static boolean dropResponseHeader(String name, int status) {
        String lower = name.toLowerCase(Locale.ROOT);
        return status != 101 && DROPPED_RESPONSE.contains(lower) || lower.equals("proxy-authenticate");
    }

    /**
     * Whether a raw request path may be passed on: no dot segments, encoded dots, encoded slashes or backslashes,
     * which the upstream could resolve to a path outside the upstream URL. Browsers never send these.
     */
    public static boolean safePath(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")
                || lower.contains("%00")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a request is a WebSocket upgrade (RFC 6455: {@code Upgrade: websocket}, {@code Connection: upgrade}). */
    public static boolean isWebSocketUpgrade(String upgrade, String connection) {
        return upgrade != null && upgrade.strip().equalsIgnoreCase("websocket") && connection != null
                && List.of(connection.toLowerCase(Locale.ROOT).split(",")).stream().anyMatch(t -> t.strip().equals("upgrade"));
    }

    /** A {@code Cookie} header without Portico's cookies: what the app receives (empty when nothing is left). */
    public static Optional<String> appCookies(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        for (String pair : cookieHeader.split(";")) {
            String trimmed = pair.strip();
            int equals = trimmed.indexOf('=');
            String name = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
            if (!trimmed.isEmpty() && !PORTICO_COOKIES.contains(name)) {
                kept.add(trimmed);
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", kept));
    }

    /** The proxy cookie's value in a {@code Cookie} header (the first one), if any. */
    public static Optional<String> proxyCookie(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            String trimmed = pair.strip();
            if (trimmed.startsWith(COOKIE + "=")) {
                return Optional.of(trimmed.substring(COOKIE.length() + 1).strip()).filter(v -> !v.isEmpty());
            }
        }
        return Optional.empty();
    }

    /**
     * The proxy session's {@code Set-Cookie}: HttpOnly, on the app's path. Where the browser accepts {@code Secure}
     * (https, or a {@code localhost} name, which browsers treat as secure) it is {@code SameSite=None; Secure;
     * Partitioned}, so an app pane on Portico's pages (an embedded, cross-site frame) keeps it in a jar of its own
     * (CHIPS); elsewhere {@code SameSite=Lax}, and panes of proxied apps need https. Unsafe requests are checked for
     * their origin by the proxy either way.
     */
    public static String sessionCookie(String value, String path, java.time.Duration maxAge, String scheme,
                                       String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("https") || name.equals("localhost") || name.endsWith(".localhost");
        return COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly"
                + (secure ? "; Secure; SameSite=None; Partitioned" : "; SameSite=Lax");
    }

    /**
     * The RFC 7239 {@code Forwarded} value: {@code for} the client's address (IPv6 quoted and bracketed), the
     * {@code host} the browser asked for and its {@code proto}.
     */
    public static String forwarded(String clientAddress, String host, String proto) {
        String forNode = clientAddress.contains(":") ? "\"[" + clientAddress + "]\"" : clientAddress;
        return "for=" + forNode + ";host=" + quoted(host) + ";proto=" + proto;
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9.\\-_~!$&'*+^`|]+") ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The app's {@code Location} as the browser must see it: a URL under the upstream (absolute, or an absolute path
     * on the upstream's origin) is moved under {@code /apps/{id}/} on the proxy origin; anything else (relative
     * references, other sites) is left as it is: the browser resolves it, and the proxy only ever reaches the upstream.
     *
     * @param upstream    the app's upstream URL, normalised without trailing slash ({@code http://h:8080/app})
     * @param proxyPrefix the app's prefix on its origin, absolute ({@code https://app.apps.example/apps/app/})
     */
    public static String location(String location, String upstream, String proxyPrefix) {
        String value = location.strip();
        String upstreamPath = pathOf(upstream);
        String rest = null;
        if (value.equals(upstream)) {
            rest = "";
        } else if (value.startsWith(upstream + "/") || value.startsWith(upstream + "?")) {
            rest = value.substring(upstream.length());
        } else if (value.startsWith("/") && !value.startsWith("//")
                && (value.equals(upstreamPath) || value.startsWith(upstreamPath + "/") || value.startsWith(upstreamPath + "?"))) {
            rest = value.substring(upstreamPath.length());
        }
        if (rest == null) {
            return value;
        }
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        return proxyPrefix + rest;
    }

    /** The path of an absolute URL without trailing slash ({@code ""} for an origin). */
    static String pathOf(String url) {
        int start = url.indexOf("//");
        int slash = url.indexOf('/', start + 2);
        return slash < 0 ? "" : url.substring(slash).replaceAll("/+$", "");
    }

    /**
     * The app's {@code Set-Cookie} scoped to the app: no {@code Domain} (host-only on the proxy origin), a
     * {@code Path} under {@code /apps/{id}/} (the app's path moved there when it was under the upstream, else the
     * prefix itself). Empty, so the cookie is dropped, for a cookie named like one of Portico's or with a
     * {@code __Host-} prefix (which demands {@code Path=/}).
     *
     * @param upstream the app's upstream URL without trailing slash
     * @param appPath  the app's prefix path, {@code /apps/{id}/}
     */
    public static Optional<String> setCookie(String setCookie, String upstream, String appPath) {
        String[] parts = setCookie.split(";");
        String pair = parts[0].strip();
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals).strip();
        if (name.isEmpty() || PORTICO_COOKIES.contains(name) || name.startsWith("__Host-")) {
            return Optional.empty();
        }
        String upstreamPath = pathOf(upstream);
        String path = appPath;
        StringBuilder out = new StringBuilder(pair);
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            String lower = attribute.toLowerCase(Locale.ROOT);
            if (lower.startsWith("domain")) {
                continue;
            }
            if (lower.startsWith("path")) {
                int eq = attribute.indexOf('=');
                String given = eq < 0 ? "" : attribute.substring(eq + 1).strip();
                if (given.equals(upstreamPath) || given.startsWith(upstreamPath + "/")) {
                    String rest = given.substring(upstreamPath.length());
                    path = appPath + (rest.startsWith("/") ? rest.substring(1) : rest);
                }
                continue;
            }
            if (!attribute.isEmpty()) {
                out.append("; ").append(attribute);
            }
        }
        return Optional.of(out.append("; Path=").append(path).toString());
    }
}

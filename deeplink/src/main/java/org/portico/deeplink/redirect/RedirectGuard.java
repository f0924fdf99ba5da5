package org.portico.deeplink.redirect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.portico.deeplink.redirect.RedirectRejectedException.Reason;

/**
 * Decides where Portico may send a browser: the single gate against open redirects.
 *
 * <p>Two kinds of target are checked:
 * <ul>
 *   <li><b>Local targets</b> ({@code continue}/{@code returnTo} values of login and logout): only an absolute path on
 *   Portico's own origin, such as {@code /home.xhtml?tab=2#news}. Dot segments are resolved (and rejected when they
 *   climb above the root); {@code //host}, {@code /\host}, schemes ({@code javascript:}, {@code https:}), user
 *   information, whitespace, control characters, backslashes, non-ASCII characters and percent-encoded or
 *   double-encoded slashes, backslashes, dots and controls in the path are rejected. Query and fragment are kept as
 *   they are (escapes must still be well-formed and must not hide a control character).</li>
 *   <li><b>App targets</b>: an absolute http(s) URI that must lie under one of the registered {@link AppBaseUrl}s —
 *   scheme, host and port equal after lower-casing and default ports, path equal to or below the base path on a
 *   segment boundary, no user information, no trailing-dot or non-ASCII (look-alike) hosts, no dot segments.</li>
 * </ul>
 * The {@code find…} methods answer with the normalised target or empty; the {@code get…} methods throw
 * {@link RedirectRejectedException} with the {@linkplain RedirectRejectedException.Reason reason}.
 *
 * <p>Immutable and thread-safe; build one per set of registered apps and share it.
 */
public final class RedirectGuard {

    /** Longest local target accepted; longer values are not produced by Portico's own pages. */
    public static final int MAX_LOCAL_LENGTH = 2048;

    /** Longest app target accepted (a common limit of browsers, proxies and servers). */
    public static final int MAX_APP_LENGTH = 8192;

    private static final RedirectGuard LOCAL_ONLY = new RedirectGuard(List.of());

    private final List<AppBaseUrl> trusted;

    /**
     * @param trusted the registered base URLs of all apps that may receive redirects; copied
     */
    public RedirectGuard(Collection<AppBaseUrl> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** A guard that knows no apps: every app target is rejected, local targets are checked as usual. */
    public static RedirectGuard localOnly() {
        return LOCAL_ONLY;
    }

    /** The registered base URLs this guard allows, in the order given. */
    public List<AppBaseUrl> trustedBaseUrls() {
        return trusted;
    }

    /**
     * The normalised local target, or empty when {@code candidate} is null or not a safe same-origin path.
     * Use it for {@code returnTo} parameters: {@code guard.findLocalTarget(param).orElse("/home.xhtml")}.
     */
    public Optional<String> findLocalTarget(String candidate) {
        try {
            return Optional.of(getLocalTarget(candidate));
        } catch (RedirectRejectedException e) {
            return Optional.empty();
        }
    }

    /**
     * The normalised local target.
     *
     * @throws RedirectRejectedException when {@code candidate} is null or not a safe same-origin path
     */
    public String getLocalTarget(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LOCAL_LENGTH) {
            throw new RedirectRejectedException(Reason.EMPTY_OR_TOO_LONG);
        }
        UrlText.requireUrlCharacters(candidate, false);
        // "//host" is a network-path reference; "/\host" never gets here (backslashes were rejected above).
        if (candidate.charAt(0) != '/' || candidate.startsWith("//")) {
            throw new RedirectRejectedException(Reason.NOT_LOCAL);
        }
        int hash = candidate.indexOf('#');
        int query = candidate.indexOf('?');
        int pathEnd = query >= 0 && (hash < 0 || query < hash) ? query : hash >= 0 ? hash : candidate.length();
        String path = candidate.substring(0, pathEnd);
        String rest = candidate.substring(pathEnd);
        if (path.indexOf('@') >= 0) {
            // Harmless in a path, but no Portico page has one, and "/@evil.example" reads like a host to people.
            throw new RedirectRejectedException(Reason.NOT_LOCAL);
        }
        UrlText.requireSafeEscapes(path, true);
        UrlText.requireSafeEscapes(rest, false);
        String normalised = UrlText.removeDotSegments(path);
        if (normalised.startsWith("//")) {
            // "/.//evil.example" and "/a/..//evil.example" collapse into a network-path reference.
            throw new RedirectRejectedException(Reason.NOT_LOCAL);
        }
        return normalised + rest;
    }

    /**
     * The normalised app target, or empty when {@code candidate} is null, malformed or not under a registered base URL.
     */
    public Optional<URI> findAppTarget(String candidate) {
        try {
            return Optional.of(getAppTarget(candidate));
        } catch (RedirectRejectedException e) {
            return Optional.empty();
        }
    }

    /**
     * The normalised app target: lower-case scheme and host, default port omitted, path, query and fragment as given.
     *
     * @throws RedirectRejectedException when {@code candidate} is null, malformed or not under a registered base URL
     */
    public URI getAppTarget(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_APP_LENGTH) {
            throw new RedirectRejectedException(Reason.EMPTY_OR_TOO_LONG);
        }
        UrlText.requireUrlCharacters(candidate, true);
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            throw new RedirectRejectedException(Reason.MALFORMED);
        }
        if (uri.isOpaque() || uri.getScheme() == null) {
            throw new RedirectRejectedException(Reason.MALFORMED);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RedirectRejectedException(Reason.NOT_ALLOWED);
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority != null && authority.indexOf('@') >= 0) {
            throw new RedirectRejectedException(Reason.USERINFO);
        }
        if (uri.getHost() == null) {
            throw new RedirectRejectedException(Reason.MALFORMED);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            // "billing.example." is the same DNS name, but it is not what was registered and it defeats cookie scoping.
            throw new RedirectRejectedException(Reason.NOT_ALLOWED);
        }
        int port = uri.getPort() == -1 ? AppBaseUrl.defaultPort(scheme) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        UrlText.requireSafeEscapes(path, true);
        if (UrlText.hasDotSegment(path)) {
            throw new RedirectRejectedException(Reason.PATH_TRAVERSAL);
        }
        String query = uri.getRawQuery();
        String fragment = uri.getRawFragment();
        UrlText.requireSafeEscapes(query == null ? "" : query, false);
        UrlText.requireSafeEscapes(fragment == null ? "" : fragment, false);
        if (trusted.stream().noneMatch(base -> base.covers(scheme, host, port, path))) {
            throw new RedirectRejectedException(Reason.NOT_ALLOWED);
        }
        return URI.create(scheme + "://" + host + (port == AppBaseUrl.defaultPort(scheme) ? "" : ":" + port) + path
                + (query == null ? "" : "?" + query) + (fragment == null ? "" : "#" + fragment));
    }
}

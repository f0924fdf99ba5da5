package org.portico.deeplink.link;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.deeplink.redirect.RedirectRejectedException;

/**
 * Expands a route's target template with checked parameter values and decides whether the result may be visited.
 *
 * <p>Each value is percent-encoded for where its placeholder stands: in the path, everything but the unreserved
 * characters is encoded, and a value that would be a {@code .}/{@code ..} segment or carries {@code / \ %} (which the
 * {@link RedirectGuard} refuses encoded in a path, because proxies and containers decode them) is refused; in the
 * query and the fragment everything but the unreserved characters is encoded, so {@code & = # ?} stay data. The
 * template itself is never re-interpreted: only the text between {@code {}} is replaced.
 *
 * <p>The expanded URL then goes through the {@link RedirectGuard}: an app target must lie under one of its app's
 * base URLs, a Portico page must stay a local path. Anything else is refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class LinkTargets {

    private LinkTargets() {
    }

    /**
     * The template with every {@code {name}} replaced by the encoded value (empty for an absent optional parameter).
     *
     * @throws InvalidParameterException when a value cannot stand where its placeholder is
     */
    public static String expand(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        boolean inPath = true; // until the first '?' or '#': the query and the fragment are encoded alike
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                String name = template.substring(i + 1, end);
                String value = values.getOrDefault(name, "");
                if (inPath) {
                    requirePathValue(name, value);
                }
                out.append(PercentCoding.encode(value));
                i = end + 1;
                continue;
            }
            if (c == '?' || c == '#') {
                inPath = false;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static void requirePathValue(String name, String value) {
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidParameterException(name, LinkText.DOT_SEGMENT);
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('%') >= 0) {
            throw new InvalidParameterException(name, LinkText.PATH_CHARACTER);
        }
    }

    /**
     * The expanded app URL, normalised by the guard.
     *
     * @throws InvalidParameterException when a value cannot stand where its placeholder is
     * @throws TargetRefusedException    when the expanded URL is not under one of the app's base URLs
     */
    public static URI appTarget(AppRegistration app, RouteTarget.AppUrl target, Map<String, String> values) {
        Objects.requireNonNull(app, "app");
        String expanded = expand(target.template(), values);
        try {
            return new RedirectGuard(app.baseUrls()).getAppTarget(expanded);
        } catch (RedirectRejectedException e) {
            throw new TargetRefusedException(e.reason());
        }
    }

    /**
     * The expanded Portico path (context-relative), normalised by the guard.
     *
     * @throws InvalidParameterException when a value cannot stand where its placeholder is
     * @throws TargetRefusedException    when the expanded path is not a safe local path
     */
    public static String pageTarget(RouteTarget.PortalPage page, Map<String, String> values) {
        String expanded = expand(page.path(), values);
        try {
            return RedirectGuard.localOnly().getLocalTarget(expanded);
        } catch (RedirectRejectedException e) {
            throw new TargetRefusedException(e.reason());
        }
    }

    /**
     * The target with the link token added as {@value TokenPlacement#PARAMETER}: in the fragment (appended with
     * {@code &} to a fragment the target already has) or in the query (before any fragment).
     */
    public static URI withToken(URI target, TokenPlacement placement, String token) {
        String url = target.toString();
        String pair = TokenPlacement.PARAMETER + "=" + token;
        int hash = url.indexOf('#');
        if (placement == TokenPlacement.FRAGMENT) {
            return URI.create(hash < 0 ? url + "#" + pair : hash == url.length() - 1 ? url + pair : url + "&" + pair);
        }
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = beforeFragment.indexOf('?') < 0 ? "?" : beforeFragment.endsWith("?")
                || beforeFragment.endsWith("&") ? "" : "&";
        return URI.create(beforeFragment + separator + pair + fragment);
    }

    /**
     * An expanded target that the {@link RedirectGuard} refused: outside the app's base URLs, or not a local path.
     * Outcome {@link LinkOutcome#INVALID_PARAMETER}; the message says nothing about the target.
     */
    public static final class TargetRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final RedirectRejectedException.Reason reason;

        TargetRefusedException(RedirectRejectedException.Reason reason) {
            super("the link's target is not an allowed address (" + reason + ")");
            this.reason = reason;
        }

        /** Why the guard refused it, for logs and tests. */
        public RedirectRejectedException.Reason reason() {
            return reason;
        }
    }
}

package org.portico.cms.sanitize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Makes HTML from a CMS safe to render inside Portico pages, built on the OWASP Java HTML Sanitizer.
 *
 * <p>The {@linkplain #editorial() editorial policy} keeps what editors write: headings, paragraphs, line breaks,
 * lists, quotes, code, emphasis, tables, links and images. It removes everything that runs code or changes the page
 * around the content: {@code script}, {@code style} and their content, event handlers, {@code style} and {@code class}
 * attributes, {@code iframe}, {@code object}, {@code embed}, forms, and URLs other than those allowed below.
 * URLs are judged as a browser reads them ({@link #asBrowserReads}): tabs and line breaks anywhere are ignored and a
 * backslash is a slash, so {@code /\evil.example}, {@code https:/\evil.example} and {@code \\evil.example} are the
 * host evil.example, not paths on Portico.
 * <ul>
 *   <li>Links: {@code http}, {@code https}, {@code mailto}, {@code tel} and relative URLs, and deep-link references
 *   {@code portico:link/invoice/42}, which become Portico's deep links ({@code /link/invoice/42}). Links that leave Portico
 *   (an {@code http(s)} scheme, or {@code //host} however it is spelt) get {@code rel="noopener noreferrer"}, so the
 *   target page can neither script Portico's window nor see the portal URL (which may carry a token fragment).</li>
 *   <li>Images, which the browser fetches by itself, with the reader's Portico cookies: only from an {@code https}
 *   URL on another host (a CDN, the CMS's media library), from Portico's fingerprinted assets under
 *   {@code /assets/}, or from Portico's media store, exactly {@code /media/<64 hex digits>.<png|jpg|gif|webp>}.
 *   Any other path on Portico is refused, so content cannot make a reader's browser send a GET to
 *   {@code /link/…?_ticket=…}, {@code /oauth2/…}, {@code /api/…} or the logout: relative sources (which
 *   {@code ../} leads anywhere), dot segments, encoded slashes or dots, {@code http}, {@code data:} and
 *   protocol-relative {@code //host} are all dropped. With {@link #editorial(Collection)} an https source on
 *   Portico's own host must be an asset or a stored image too.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlSanitizer {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final Pattern SPAN = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern WEB_SCHEME = Pattern.compile("(?i)^https?:.*", Pattern.DOTALL);
    /** A fingerprinted asset: segments of unreserved characters that do not start with a dot (no "." or ".."). */
    private static final Pattern ASSET_PATH = Pattern.compile("/assets(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");
    /** An image of Portico's media store: named by the SHA-256 of its bytes, with its format's extension. */
    private static final Pattern MEDIA_PATH = Pattern.compile("/media/[0-9a-f]{64}\\.(?:png|jpg|gif|webp)");

    private static final String DEEP_LINK_SCHEME = "portico:";
    /** {@code portico:link/<route>/<parameter>…}: segments of unreserved characters, none of them "." or "..". */
    private static final Pattern DEEP_LINK = Pattern.compile(
            "(?i)portico:link((?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9._~-]+)+)");

    private static final HtmlSanitizer EDITORIAL = new HtmlSanitizer(editorialPolicy(Set.of()));

    private final PolicyFactory policy;

    private HtmlSanitizer(PolicyFactory policy) {
        this.policy = policy;
    }

    /** The policy for editorial content: blocks and pages written by content editors. */
    public static HtmlSanitizer editorial() {
        return EDITORIAL;
    }

    /**
     * The editorial policy for a portal reachable under {@code portalHosts} (such as {@code portal.example.org}): an
     * https image source on one of them must be one of its assets like any local one.
     */
    public static HtmlSanitizer editorial(Collection<String> portalHosts) {
        return new HtmlSanitizer(editorialPolicy(portalHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet())));
    }

    /** The sanitised form of {@code html}; empty for null. Never throws on malformed input. */
    public String sanitize(String html) {
        return html == null ? "" : policy.sanitize(html);
    }

    private static PolicyFactory editorialPolicy(Set<String> portalHosts) {
        return new HtmlPolicyBuilder()
                .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
                        "ul", "ol", "li", "dl", "dt", "dd",
                        "em", "strong", "b", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "span", "div",
                        "figure", "figcaption",
                        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td")
                .allowAttributes("lang").matching(LANGUAGE_TAG).globally()
                .allowAttributes("dir").matching(Pattern.compile("ltr|rtl|auto")).globally()
                .allowAttributes("title").onElements("abbr", "a", "img")
                .allowAttributes("start").matching(NUMBER).onElements("ol")
                .allowAttributes("colspan", "rowspan").matching(SPAN).onElements("td", "th")
                .allowAttributes("scope").matching(Pattern.compile("row|col|rowgroup|colgroup")).onElements("th")
                // "portico" only for deep-link references, which linkTarget turns into /link/… (or drops)
                .allowUrlProtocols("https", "http", "mailto", "tel", "portico")
                .allowElements(HtmlSanitizer::relOnExternalLinks, "a")
                .allowAttributes("href").matching((AttributePolicy) (element, attribute, value) -> linkTarget(value))
                .onElements("a")
                .allowAttributes("target").matching(Pattern.compile("_blank|_self")).onElements("a")
                .allowElements("img")
                .allowAttributes("src").matching((AttributePolicy) (element, attribute, value) -> imageSource(value, portalHosts))
                .onElements("img")
                .allowAttributes("alt").onElements("img")
                .allowAttributes("width", "height").matching(NUMBER).onElements("img")
                .toFactory();
    }

    /**
     * What a browser makes of a URL attribute's value (WHATWG URL parsing, for an http(s) page): ASCII tabs and line
     * breaks anywhere are removed, leading and trailing spaces and control characters trimmed, and backslashes read
     * as slashes.
     */
    static String asBrowserReads(String value) {
        StringBuilder url = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                url.append(c == '\\' ? '/' : c);
            }
        }
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        return url.substring(start, end);
    }

    /**
     * A link's target: a deep-link reference {@code portico:link/<route>/<parameter>…} becomes Portico's deep link
     * {@code /link/<route>/<parameter>…} (each segment letters, digits, {@code - _ . ~}, not {@code .} or
     * {@code ..}); a malformed one is dropped (null); anything else is left to the URL checks.
     */
    static String linkTarget(String value) {
        String url = asBrowserReads(value);
        if (!url.regionMatches(true, 0, DEEP_LINK_SCHEME, 0, DEEP_LINK_SCHEME.length())) {
            return value;
        }
        Matcher reference = DEEP_LINK.matcher(url);
        return reference.matches() ? "/link" + reference.group(1) : null;
    }

    /** Whether a link leaves Portico: an http(s) scheme, or a network-path reference {@code //host}. */
    static boolean leavesPortico(String href) {
        String url = asBrowserReads(href);
        return url.startsWith("//") || WEB_SCHEME.matcher(url).matches();
    }

    /**
     * The image source as the browser reads it when it is an https URL on another host, an asset of Portico's or an
     * image of its media store; null (dropped) otherwise.
     */
    static String imageSource(String value, Set<String> portalHosts) {
        String url = asBrowserReads(value);
        if (localImage(url)) {
            return url;
        }
        if (!url.regionMatches(true, 0, "https://", 0, 8)) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (host == null || uri.getRawAuthority() == null || uri.getRawAuthority().indexOf('@') >= 0) {
                return null;
            }
            if (portalHosts.contains(host.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""))) {
                String path = uri.getRawPath();
                return path != null && localImage(path) && uri.getRawQuery() == null ? url : null;
            }
            return url;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether a path is one of Portico's own images: a fingerprinted asset or an image of the media store. */
    private static boolean localImage(String path) {
        return ASSET_PATH.matcher(path).matches() || MEDIA_PATH.matcher(path).matches();
    }

    /** Sets {@code rel="noopener noreferrer"} on links that leave the portal; leaves other links' rel out. */
    private static String relOnExternalLinks(String element, List<String> attributes) {
        String href = null;
        for (int i = attributes.size() - 2; i >= 0; i -= 2) {
            String name = attributes.get(i);
            if (name.equals("rel")) {
                attributes.subList(i, i + 2).clear();
            } else if (name.equals("href")) {
                href = attributes.get(i + 1);
            }
        }
        if (href != null && leavesPortico(href)) {
            attributes.add("rel");
            attributes.add("noopener noreferrer");
        }
        return element;
    }

    @Override
    public String toString() {
        return "HtmlSanitizer[editorial]";
    }
}

package org.portico.cms.sanitize;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
 * <ul>
 *   <li>Links: {@code http}, {@code https}, {@code mailto}, {@code tel} and relative URLs. Links that leave Portico
 *   ({@code http(s)://} or {@code //}) get {@code rel="noopener noreferrer"}, so the target page can neither script
 *   Portico's window nor see the portal URL (which may carry a token fragment).</li>
 *   <li>Images: {@code https} and relative sources only (no {@code http}, which the browser would block or warn about
 *   on an https portal, no {@code data:}, no protocol-relative {@code //host}).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlSanitizer {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,4}");
    private static final Pattern SPAN = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern EXTERNAL = Pattern.compile("(?i)^(https?:)?//.*", Pattern.DOTALL);

    private static final HtmlSanitizer EDITORIAL = new HtmlSanitizer(editorialPolicy());

    private final PolicyFactory policy;

    private HtmlSanitizer(PolicyFactory policy) {
        this.policy = policy;
    }

    /** The policy for editorial content: blocks and pages written by content editors. */
    public static HtmlSanitizer editorial() {
        return EDITORIAL;
    }

    /** The sanitised form of {@code html}; empty for null. Never throws on malformed input. */
    public String sanitize(String html) {
        return html == null ? "" : policy.sanitize(html);
    }

    private static PolicyFactory editorialPolicy() {
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
                .allowUrlProtocols("https", "http", "mailto", "tel")
                .allowElements(HtmlSanitizer::relOnExternalLinks, "a")
                .allowAttributes("href").onElements("a")
                .allowAttributes("target").matching(Pattern.compile("_blank|_self")).onElements("a")
                .allowElements("img")
                .allowAttributes("src").matching(HtmlSanitizer::httpsOrRelativeImage).onElements("img")
                .allowAttributes("alt").onElements("img")
                .allowAttributes("width", "height").matching(NUMBER).onElements("img")
                .toFactory();
    }

    /** Drops image sources that are not https or relative. */
    private static String httpsOrRelativeImage(String element, String attribute, String value) {
        String url = value.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            return url;
        }
        // Relative: no scheme before the first '/', '?' or '#', and not protocol-relative.
        int colon = url.indexOf(':');
        int delimiter = firstIndexOf(url, '/', '?', '#');
        boolean hasScheme = colon >= 0 && (delimiter < 0 || colon < delimiter);
        return hasScheme || url.startsWith("//") || url.startsWith("\\") ? null : url;
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
        if (href != null && EXTERNAL.matcher(href.strip()).matches()) {
            attributes.add("rel");
            attributes.add("noopener noreferrer");
        }
        return element;
    }

    private static int firstIndexOf(String text, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = text.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "HtmlSanitizer[editorial]";
    }
}

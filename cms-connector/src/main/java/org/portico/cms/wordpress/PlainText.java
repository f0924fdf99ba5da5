package org.portico.cms.wordpress;

import java.util.regex.Pattern;

import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The text of an HTML fragment, such as WordPress's {@code title.rendered} ({@code Fish &amp; Chips &#8211; <em>the
 * story</em>} is {@code Fish & Chips – the story}): the OWASP sanitiser drops every tag (and what is inside
 * {@code script} and {@code style}), then the entities it leaves are decoded, and runs of white space become one space.
 * Stateless and thread-safe.
 */
final class PlainText {

    private static final PolicyFactory NO_TAGS = new HtmlPolicyBuilder().toFactory();
    private static final Pattern WHITE_SPACE = Pattern.compile("[ \\t\\n\\r\\f]+");

    private PlainText() {
    }

    static String of(String html) {
        String text = Encoding.decodeHtml(NO_TAGS.sanitize(html), false);
        return WHITE_SPACE.matcher(text).replaceAll(" ").strip();
    }
}

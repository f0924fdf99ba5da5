package org.portico.cms.sanitize;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;

class HtmlSanitizerTest {

    /** The name of an image in Portico's media store: the SHA-256 of its bytes in lowercase hex. */
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHA256_UPPER = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private final HtmlSanitizer sanitizer = HtmlSanitizer.editorial();

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "<h1>Title</h1>",
            "<h2>Sub</h2><h3>a</h3><h6>b</h6>",
            "<p>Text with <em>emphasis</em>, <strong>strength</strong> and <code>code</code>.</p>",
            "<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>",
            "<blockquote><p>quote</p></blockquote><pre>pre</pre><hr />",
            "<table><caption>Plan</caption><thead><tr><th scope=\"col\">Day</th></tr></thead>"
                    + "<tbody><tr><td colspan=\"2\">Mon</td></tr></tbody></table>",
            "<p><a href=\"/home.xhtml\">home</a></p>",
            "<p><a href=\"mailto:help&#64;portico.example\">mail</a></p>",
            "<p><img src=\"https://cdn.example/logo.png\" alt=\"Logo\" width=\"120\" height=\"40\" /></p>",
            "<p><img src=\"/assets/img/logo.png\" alt=\"\" /></p>",
            "<p lang=\"de\" dir=\"ltr\">Willkommen</p>",
    })
    void keepsEditorialHtml(String html) {
        assertEquals(html, sanitizer.sanitize(html));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "<a href=\"https://docs.example/guide\">guide</a>   | <a href=\"https://docs.example/guide\" rel=\"noopener noreferrer\">guide</a>",
            "<a href=\"HTTP://docs.example\">x</a>             | <a href=\"HTTP://docs.example\" rel=\"noopener noreferrer\">x</a>",
            "<a href=\"//docs.example/x\">x</a>                | <a href=\"//docs.example/x\" rel=\"noopener noreferrer\">x</a>",
            "<a href=\"https://docs.example\" rel=\"opener\">x</a> | <a href=\"https://docs.example\" rel=\"noopener noreferrer\">x</a>",
            "<a href=\"/home.xhtml\" rel=\"opener\">x</a>      | <a href=\"/home.xhtml\">x</a>",
    })
    void externalLinksGetNoopenerNoreferrer(String html, String expected) {
        assertEquals(expected, sanitizer.sanitize(html));
    }

    /** {@code portico:link/…} names a deep-link route: it becomes Portico's deep link, or no link when malformed. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "<a href=\"portico:link/invoice/42\">Invoice 42</a>       | <a href=\"/link/invoice/42\">Invoice 42</a>",
            "<a href=\"PORTICO:link/ticket/OPS-42\">t</a>             | <a href=\"/link/ticket/OPS-42\">t</a>",
            "<a href=\"portico:link/report\" target=\"_blank\">r</a> | <a href=\"/link/report\" target=\"_blank\" rel=\"noopener noreferrer\">r</a>",
            "<a href=\"portico:link/invoice/../../api/me\">x</a>      | x",
            "<a href=\"portico:link/invoice/..\">x</a>                | x",
            "<a href=\"portico:link//evil.example\">x</a>             | x",
            "<a href=\"portico:link/a?b=c\">x</a>                     | x",
            "<a href=\"portico:link/a%2F..\">x</a>                    | x",
            "<a href=\"portico:javascript:alert(1)\">x</a>            | x",
            "<a href=\"portico:link\">x</a>                           | x",
            "<img src=\"portico:link/invoice/42\" alt=\"\" />           | <img alt=\"\" />",
    })
    void deepLinkReferencesBecomeDeepLinks(String html, String expected) {
        assertEquals(expected, sanitizer.sanitize(html));
    }

    /**
     * Browsers read a backslash as a slash and skip tabs and line breaks, so each of these leads to evil.example:
     * it is a link that leaves Portico (noopener, noreferrer) or no link at all, never a local one.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/\\evil.example/x", "https:/\\evil.example/x", "\\\\evil.example/x", "/\\/evil.example/x",
            "\\/evil.example", "https:\\\\evil.example", "ht&#9;tps://evil.example", "https&#10;://evil.example",
            "&#32;//evil.example", "https:evil.example"})
    void linksThatBrowsersReadAsAnotherHostAreExternal(String href) {
        String sanitised = sanitizer.sanitize("<a href=\"" + href + "\">x</a>");
        assertTrue(sanitised.equals("x") || sanitised.contains(" rel=\"noopener noreferrer\""), sanitised);
    }

    /**
     * Images load by themselves, with the reader's cookies: content must not make a browser send a GET to Portico's
     * links (a one-time ticket), OAuth endpoints, API or logout. Only assets and https images on other hosts load.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/link/invoice/42?_ticket=AAAAAAAAAAAAAAAAAAAAAA", "/oauth2/token", "/api/admin/routes",
            "/logout", "/login.xhtml?loggedOut=true", "link/invoice/42", "../link/invoice/42", "./x.png", "x.png",
            "/assets/../link/invoice/42", "/assets/./x.png", "/assets/%2e%2e/link/x", "/assets/..%2Flink/x",
            "/assets/x.png?next=/link/x", "/assets", "/\\evil.example/a.png", "\\\\evil.example/a.png",
            "https:evil.example/a.png", "https:///link/x", "https://user@cdn.example/a.png", "http://cdn.example/a.png"})
    void imagesLoadOnlyFromAssetsOrHttpsElsewhere(String src) {
        assertEquals("", sanitizer.sanitize("<img src=\"" + src + "\">"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "/assets/img/logo.HbpQaHWSlgQc.png | /assets/img/logo.HbpQaHWSlgQc.png",
            "https://cdn.example/a.png         | https://cdn.example/a.png",
            "https:/\\cdn.example/a.png        | https://cdn.example/a.png",
            "/assets\\img\\logo.png           | /assets/img/logo.png"})
    void imageSourcesAreWrittenAsTheBrowserReadsThem(String src, String expected) {
        assertEquals("<img src=\"" + expected + "\" />", sanitizer.sanitize("<img src=\"" + src + "\">"));
    }

    /** The media store's images: named by their SHA-256 in hex, with their format's extension, nothing else. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"png", "jpg", "gif", "webp"})
    void imagesOfTheMediaStoreLoad(String extension) {
        String src = "/media/" + SHA256 + "." + extension;
        assertEquals("<img src=\"" + src + "\" alt=\"A chart\" />",
                sanitizer.sanitize("<img src=\"" + src + "\" alt=\"A chart\">"));
    }

    /**
     * Only exactly a stored image's name: no other extension (svg, html), no query, no dot segments or encoded ones,
     * no hash of the wrong length or case, nothing after it, no other folder.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "/media/" + SHA256 + ".svg", "/media/" + SHA256 + ".html", "/media/" + SHA256 + ".png?x=/link/a",
            "/media/" + SHA256 + ".png#x", "/media/../link/invoice/42", "/media/%2e%2e/api/me",
            "/media/./" + SHA256 + ".png", "/media/" + SHA256 + ".png/../../logout", "/media/" + SHA256 + "0.png",
            "/media/" + SHA256_UPPER + ".png", "/media/abc.png", "/media/" + SHA256 + ".PNG", "/media/" + SHA256,
            "/media/", "/media/x/" + SHA256 + ".png", "media/" + SHA256 + ".png", "/api/media/" + SHA256 + ".png"})
    void otherPathsUnderMediaAreDropped(String src) {
        assertEquals("", sanitizer.sanitize("<img src=\"" + src + "\">"));
    }

    @Test
    void anHttpsImageOnThePortalsOwnHostMayBeAStoredImage() {
        HtmlSanitizer portal = HtmlSanitizer.editorial(List.of("portal.example.org"));
        String src = "https://portal.example.org/media/" + SHA256 + ".webp";
        assertAll(
                () -> assertEquals("<img src=\"" + src + "\" />", portal.sanitize("<img src=\"" + src + "\">")),
                () -> assertEquals("", portal.sanitize("<img src=\"" + src + "?next=/logout\">")),
                () -> assertEquals("", portal.sanitize("<img src=\"https://portal.example.org/media/x.webp\">")));
    }

    /** OWASP writes a tab inside a path percent-encoded: {@code /%09/evil.example} is a path on Portico again. */
    @Test
    void aTabInsideALocalPathStaysLocal() {
        assertEquals("<a href=\"/%09/evil.example\">x</a>", sanitizer.sanitize("<a href=\"/&#9;/evil.example\">x</a>"));
    }

    @Test
    void anHttpsImageOnThePortalsOwnHostMustBeAnAsset() {
        HtmlSanitizer portal = HtmlSanitizer.editorial(List.of("portal.example.org"));
        assertAll(
                () -> assertEquals("", portal.sanitize("<img src=\"https://portal.example.org/link/invoice/42\">")),
                () -> assertEquals("", portal.sanitize("<img src=\"https://PORTAL.example.org./api/me\">")),
                () -> assertEquals("", portal.sanitize("<img src=\"https://portal.example.org/assets/x.png?a=/link\">")),
                () -> assertEquals("<img src=\"https://portal.example.org/assets/img/x.png\" />",
                        portal.sanitize("<img src=\"https://portal.example.org/assets/img/x.png\">")),
                () -> assertEquals("<img src=\"https://cdn.example/a.png\" />", portal.sanitize("<img src=\"https://cdn.example/a.png\">")));
    }

    /** XSS payloads from the OWASP cheat sheet and friends: nothing executable may survive. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "<script>alert(1)</script><p>ok</p>                        | <p>ok</p>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>                  | ``",
            "<p onclick=\"alert(1)\">x</p>                              | <p>x</p>",
            "<p onmouseover=alert(1)>x</p>                              | <p>x</p>",
            "<img src=x onerror=alert(1)>                               | ``",
            "<img src=\"javascript:alert(1)\">                          | ``",
            "<img src=\"http://cdn.example/a.png\">                     | ``",
            "<img src=\"//evil.example/a.png\">                         | ``",
            "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">           | ``",
            "<a href=\"javascript:alert(1)\">x</a>                      | x",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>                      | x",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>                | x",
            "<a href=\" javascript:alert(1)\">x</a>                     | x",
            "<a href=\"&#106;avascript:alert(1)\">x</a>                 | x",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a> | x",
            "<a href=\"vbscript:msgbox(1)\">x</a>                       | x",
            "<iframe src=\"https://evil.example\"></iframe><p>ok</p>    | <p>ok</p>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">       | ``",
            "<style>body{display:none}</style><p>ok</p>                 | <p>ok</p>",
            "<p style=\"position:fixed;top:0\">x</p>                    | <p>x</p>",
            "<p class=\"ui-dialog\">x</p>                               | <p>x</p>",
            "<p id=\"login\">x</p>                                      | <p>x</p>",
            "<form action=\"https://evil.example\"><input name=p></form> | ``",
            "<svg onload=alert(1)><circle /></svg>                      | ``",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math> | x",
            "<base href=\"https://evil.example/\"><p>ok</p>             | <p>ok</p>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"> | ``",
            "<link rel=stylesheet href=\"https://evil.example/x.css\"> | ``",
            "<body onload=alert(1)><p>ok</p></body>                     | <p>ok</p>",
            "<p>a<!-- <script>alert(1)</script> -->b</p>                | <p>ab</p>",
            "<scr<script>ipt>alert(1)</script>                          | ipt&gt;alert(1)",
            "<p>1 < 2 & \"quotes\"</p>                                  | <p>1 &lt; 2 &amp; &#34;quotes&#34;</p>",
            "<a href=\"https://x.example\" target=\"_top\">x</a>        | <a href=\"https://x.example\" rel=\"noopener noreferrer\">x</a>",
            "<td colspan=\"99999\">x</td>                               | <table><tbody><tr><td>x</td></tr></tbody></table>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript> | <p></p>",
    })
    void dropsScriptsHandlersDangerousUrlsFramesAndStyles(String payload, String expected) {
        String sanitised = sanitizer.sanitize(payload);
        assertAll(
                () -> assertEquals(expected, sanitised),
                () -> assertFalse(sanitised.toLowerCase(Locale.ROOT).contains("javascript:"), sanitised),
                () -> assertFalse(sanitised.toLowerCase(Locale.ROOT).contains("onerror"), sanitised),
                () -> assertFalse(sanitised.toLowerCase(Locale.ROOT).contains("<script"), sanitised));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", sanitizer.sanitize(null));
    }

    @Test
    void sanitisingSourceSanitisesBodiesAndLeavesTheRest() {
        ContentItem raw = new ContentItem(ContentKind.BLOCK, "welcome", Locale.ENGLISH, "Hi <there>",
                "<p onclick=x>Hello</p><script>x</script>", Instant.EPOCH);
        ContentSource source = (kind, key, locale) -> Optional.of(raw);
        ContentItem clean = new SanitizingContentSource(source, sanitizer).findBlock("welcome", Locale.ENGLISH)
                .orElseThrow();
        assertEquals(raw.withBodyHtml("<p>Hello</p>"), clean);
    }
}

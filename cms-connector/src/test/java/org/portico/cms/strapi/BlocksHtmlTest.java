package org.portico.cms.strapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.cms.json.JsonDocuments;
import org.portico.cms.sanitize.HtmlSanitizer;

class BlocksHtmlTest {

    private static final URI STRAPI = URI.create("https://strapi.example.org/");

    private static String render(String json) {
        JsonArray blocks = JsonDocuments.withDefaultProvider().parse(json.getBytes(StandardCharsets.UTF_8))
                .asJsonArray();
        return BlocksHtml.render(blocks, STRAPI);
    }

    private static String text(String text) {
        return "{\"type\":\"text\",\"text\":\"" + text + "\"}";
    }

    private static String node(String type, String more, String... children) {
        return "{\"type\":\"" + type + "\"" + more + ",\"children\":[" + String.join(",", children) + "]}";
    }

    @Test
    void aDocumentAsStrapisEditorWritesIt() {
        String json = "[" + String.join(",",
                node("heading", ",\"level\":1", text("Portico")),
                node("paragraph", "", text("Apps in "), "{\"type\":\"text\",\"text\":\"one\",\"bold\":true}",
                        text(" place, "), node("link", ",\"url\":\"https://docs.example.org/start\"", text("docs")),
                        text(".")),
                node("list", ",\"format\":\"unordered\"", node("list-item", "", text("Links")),
                        node("list-item", "", text("Tiles"))),
                node("list", ",\"format\":\"ordered\"", node("list-item", "", text("Sign in"))),
                node("quote", "", text("It just works.")),
                node("code", ",\"language\":\"java\"", text("if (a < b) {\\n  go();\\n}"))) + "]";

        assertEquals("<h1>Portico</h1>"
                + "<p>Apps in <strong>one</strong> place, <a href=\"https://docs.example.org/start\">docs</a>.</p>"
                + "<ul><li>Links</li><li>Tiles</li></ul>"
                + "<ol><li>Sign in</li></ol>"
                + "<blockquote>It just works.</blockquote>"
                + "<pre><code>if (a &lt; b) {\n  go();\n}</code></pre>", render(json));
    }

    @Test
    void marksNestInOneOrder() {
        assertEquals("<p><strong><em><u><s><code>all</code></s></u></em></strong></p>",
                render("[" + node("paragraph", "", "{\"type\":\"text\",\"text\":\"all\",\"code\":true,"
                        + "\"strikethrough\":true,\"underline\":true,\"italic\":true,\"bold\":true}") + "]"));
    }

    @Test
    void aLineBreakInTextIsABreak() {
        assertEquals("<p>Street 1<br />Town</p>", render("[" + node("paragraph", "", text("Street 1\\nTown")) + "]"));
    }

    @ParameterizedTest(name = "[{index}] level {0}")
    @CsvSource({"1, h1", "3, h3", "6, h6", "0, h1", "7, h6", "'\"2\"', h2"})
    void headingLevelsAreClamped(String level, String element) {
        assertEquals("<" + element + ">x</" + element + ">",
                render("[" + node("heading", ",\"level\":" + level, text("x")) + "]"));
    }

    @Test
    void aNestedListGoesInsideTheItemBeforeIt() {
        String json = "[" + node("list", ",\"format\":\"unordered\"",
                node("list-item", "", text("one")),
                node("list", ",\"format\":\"ordered\",\"indentLevel\":1", node("list-item", "", text("one.a"))),
                node("list-item", "", text("two"))) + "]";

        assertEquals("<ul><li>one<ol><li>one.a</li></ol></li><li>two</li></ul>", render(json));
    }

    @Test
    void imagesResolveAgainstStrapiAndKeepAltSizeAndCaption() {
        String json = "[{\"type\":\"image\",\"image\":{\"name\":\"team.jpg\",\"alternativeText\":\"The team\","
                + "\"url\":\"/uploads/team_8c1f.jpg\",\"caption\":\"Our team in 2026\",\"width\":800,\"height\":600,"
                + "\"hash\":\"team_8c1f\",\"ext\":\".jpg\",\"mime\":\"image/jpeg\",\"size\":81.5,"
                + "\"provider\":\"local\"},"
                + "\"children\":[{\"type\":\"text\",\"text\":\"\"}]},"
                + "{\"type\":\"image\",\"image\":{\"url\":\"https://cdn.example.org/a.png\","
                + "\"alternativeText\":null}}]";

        assertEquals("<figure><img src=\"https://strapi.example.org/uploads/team_8c1f.jpg\" alt=\"The team\""
                + " width=\"800\" height=\"600\" /><figcaption>Our team in 2026</figcaption></figure>"
                + "<img src=\"https://cdn.example.org/a.png\" alt=\"\" />", render(json));
    }

    @Test
    void anImageWithoutAUsableUrlIsLeftOut() {
        assertEquals("", render("[{\"type\":\"image\",\"image\":{\"url\":\"a b\"}},{\"type\":\"image\"}]"));
    }

    @Test
    void everyTextAndAttributeIsEscaped() {
        String json = "[" + node("paragraph", "",
                text("<script>alert(1)</script> & \\\"quotes\\\""),
                node("link", ",\"url\":\"https://x.example/?a=1&b=\\\"><script>alert</script>\"", text("x"))) + ","
                + "{\"type\":\"image\",\"image\":{\"url\":\"https://x.example/a.png\",\"alternativeText\":"
                + "\"\\\" onerror=\\\"alert(1)\"}}]";

        String html = render(json);

        assertAll(
                () -> assertFalse(html.contains("<script"), html),
                () -> assertFalse(html.contains("\" onerror"), html),
                () -> assertFalse(html.contains("\"><"), html),
                () -> assertEquals(html, HtmlSanitizer.editorial().sanitize(html)
                        .replace(" rel=\"noopener noreferrer\"", ""), "the sanitiser finds nothing to remove"));
    }

    @Test
    void unknownNodesShowTheirChildren() {
        assertEquals("<p>kept</p>", render("[" + node("callout", ",\"tone\":\"info\"",
                node("paragraph", "", text("kept"))) + ",{\"type\":\"divider\"}]"));
    }

    @Test
    void emptyIsEmpty() {
        assertEquals("", render("[]"));
    }

    @Test
    void aNodeOfTheWrongShapeIsAnError() {
        assertAll(
                () -> assertThrows(JsonException.class, () -> render("[42]")),
                () -> assertThrows(JsonException.class, () -> render("[{\"type\":\"paragraph\",\"children\":{}}]")),
                () -> assertThrows(JsonException.class, () -> render("[{\"type\":\"text\",\"text\":7}]")));
    }
}

package org.portico.cms.strapi;

import static org.portico.cms.json.JsonDocuments.asArray;
import static org.portico.cms.json.JsonDocuments.asObject;
import static org.portico.cms.json.JsonDocuments.field;
import static org.portico.cms.json.JsonDocuments.object;
import static org.portico.cms.json.JsonDocuments.string;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.owasp.html.HtmlStreamRenderer;

/**
 * Writes Strapi 5 "Blocks" rich text (a JSON array of nodes) as HTML, with the OWASP sanitiser's
 * {@link HtmlStreamRenderer}, which escapes every text and attribute value.
 *
 * <p>Nodes and what they become:
 * <ul>
 *   <li>{@code paragraph} → {@code p}; {@code heading} with {@code level} 1–6 → {@code h1}…{@code h6}
 *   (other levels are clamped); {@code quote} → {@code blockquote}; {@code code} → {@code pre}/{@code code};</li>
 *   <li>{@code list} with {@code format} {@code ordered} → {@code ol}, else {@code ul}; {@code list-item} →
 *   {@code li}; a list nested in a list (Strapi puts it beside the items) goes inside the item before it;</li>
 *   <li>{@code image} → {@code img} with {@code image.url} (relative URLs, such as Strapi's own
 *   {@code /uploads/…}, resolved against Strapi's address), {@code image.alternativeText} as {@code alt}, width and
 *   height; inside {@code figure} with a {@code figcaption} when it has a caption;</li>
 *   <li>{@code link} → {@code a href=url}; {@code text} → its text, a line break as {@code br}, wrapped in
 *   {@code strong}, {@code em}, {@code u}, {@code s} and {@code code} for {@code bold}, {@code italic},
 *   {@code underline}, {@code strikethrough} and {@code code};</li>
 *   <li>any other node: its children, if it has any.</li>
 * </ul>
 * The HTML is not trusted for being escaped: links and images still pass the sanitiser, which decides which URLs stay.
 *
 * <p>Stateless and thread-safe. Throws {@link JsonException} for nodes of the wrong JSON shape (a node that is not an
 * object, children that are not an array).
 */
final class BlocksHtml {

    /** Text marks and their elements, in the order they nest, outermost first. */
    private static final List<Map.Entry<String, String>> MARKS = List.of(Map.entry("bold", "strong"),
            Map.entry("italic", "em"), Map.entry("underline", "u"), Map.entry("strikethrough", "s"),
            Map.entry("code", "code"));

    private BlocksHtml() {
    }

    /**
     * @param blocks    the value of a Blocks field
     * @param mediaBase what relative image URLs are relative to: Strapi's base URL
     */
    static String render(JsonArray blocks, URI mediaBase) {
        StringBuilder html = new StringBuilder(256);
        HtmlStreamRenderer out = HtmlStreamRenderer.create(html, problem -> {
            throw new JsonException("unrenderable Blocks content: " + problem);
        });
        out.openDocument();
        for (JsonValue node : blocks) {
            node(out, asObject(node, "a Blocks node"), mediaBase);
        }
        out.closeDocument();
        return html.toString();
    }

    private static void node(HtmlStreamRenderer out, JsonObject node, URI mediaBase) {
        String type = string(node, "type").orElse("");
        switch (type) {
            case "paragraph" -> element(out, "p", List.of(), node, mediaBase);
            case "heading" -> element(out, "h" + headingLevel(node), List.of(), node, mediaBase);
            case "quote" -> element(out, "blockquote", List.of(), node, mediaBase);
            case "list" -> list(out, node, mediaBase);
            case "list-item" -> element(out, "li", List.of(), node, mediaBase);
            case "link" -> element(out, "a", List.of("href", string(node, "url").orElse("")), node, mediaBase);
            case "code" -> code(out, node);
            case "image" -> image(out, node, mediaBase);
            case "text" -> text(out, node);
            default -> children(out, node, mediaBase);
        }
    }

    private static void element(HtmlStreamRenderer out, String name, List<String> attributes, JsonObject node,
            URI mediaBase) {
        out.openTag(name, attributes);
        children(out, node, mediaBase);
        out.closeTag(name);
    }

    private static void children(HtmlStreamRenderer out, JsonObject node, URI mediaBase) {
        for (JsonValue child : children(node)) {
            node(out, asObject(child, "a Blocks node"), mediaBase);
        }
    }

    private static JsonArray children(JsonObject node) {
        return field(node, "children").map(value -> asArray(value, "'children'")).orElse(JsonValue.EMPTY_JSON_ARRAY);
    }

    private static int headingLevel(JsonObject node) {
        int level = field(node, "level").filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast)
                .map(JsonNumber::intValue).orElse(2);
        return Math.max(1, Math.min(6, level));
    }

    /** A nested list goes inside the item before it, so that the HTML is valid ({@code ul} holds only {@code li}). */
    private static void list(HtmlStreamRenderer out, JsonObject node, URI mediaBase) {
        String name = string(node, "format").filter("ordered"::equals).isPresent() ? "ol" : "ul";
        out.openTag(name, List.of());
        boolean itemOpen = false;
        for (JsonValue value : children(node)) {
            JsonObject child = asObject(value, "a Blocks node");
            if (string(child, "type").filter("list"::equals).isPresent()) {
                if (!itemOpen) {
                    out.openTag("li", List.of());
                    itemOpen = true;
                }
                list(out, child, mediaBase);
            } else {
                if (itemOpen) {
                    out.closeTag("li");
                }
                out.openTag("li", List.of());
                itemOpen = true;
                children(out, child, mediaBase);
            }
        }
        if (itemOpen) {
            out.closeTag("li");
        }
        out.closeTag(name);
    }

    /** Code keeps its line breaks and ignores the marks on its text. */
    private static void code(HtmlStreamRenderer out, JsonObject node) {
        StringBuilder code = new StringBuilder();
        plainText(node, code);
        out.openTag("pre", List.of());
        out.openTag("code", List.of());
        out.text(code.toString());
        out.closeTag("code");
        out.closeTag("pre");
    }

    private static void plainText(JsonObject node, StringBuilder text) {
        string(node, "text").ifPresent(text::append);
        for (JsonValue child : children(node)) {
            plainText(asObject(child, "a Blocks node"), text);
        }
    }

    private static void image(HtmlStreamRenderer out, JsonObject node, URI mediaBase) {
        JsonObject image = object(node, "image").orElse(JsonValue.EMPTY_JSON_OBJECT);
        String source = string(image, "url").map(url -> resolve(mediaBase, url)).orElse("");
        if (source.isEmpty()) {
            return;
        }
        String caption = string(image, "caption").orElse("").strip();
        if (!caption.isEmpty()) {
            out.openTag("figure", List.of());
        }
        List<String> attributes = new ArrayList<>(List.of("src", source,
                "alt", string(image, "alternativeText").orElse("")));
        for (String dimension : List.of("width", "height")) {
            field(image, dimension).filter(JsonNumber.class::isInstance).map(JsonNumber.class::cast)
                    .filter(JsonNumber::isIntegral).ifPresent(n -> attributes.addAll(List.of(dimension, n.toString())));
        }
        out.openTag("img", attributes);
        if (!caption.isEmpty()) {
            out.openTag("figcaption", List.of());
            out.text(caption);
            out.closeTag("figcaption");
            out.closeTag("figure");
        }
    }

    /** {@code url} resolved against Strapi's address; empty when it is no URL at all. */
    private static String resolve(URI mediaBase, String url) {
        try {
            return mediaBase.resolve(new URI(url.strip())).toString();
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static void text(HtmlStreamRenderer out, JsonObject node) {
        String text = string(node, "text").orElse("");
        if (text.isEmpty()) {
            return;
        }
        List<String> marks = MARKS.stream()
                .filter(mark -> field(node, mark.getKey()).map(JsonValue::getValueType)
                        .filter(JsonValue.ValueType.TRUE::equals).isPresent())
                .map(Map.Entry::getValue)
                .toList();
        marks.forEach(element -> out.openTag(element, List.of()));
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.openTag("br", List.of());
            }
            if (!lines[i].isEmpty()) {
                out.text(lines[i]);
            }
        }
        for (int i = marks.size() - 1; i >= 0; i--) {
            out.closeTag(marks.get(i));
        }
    }
}

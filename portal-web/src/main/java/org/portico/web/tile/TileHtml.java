package org.portico.web.tile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.owasp.html.HtmlStreamRenderer;
import org.portico.web.i18n.Dates;
import org.portico.web.i18n.Texts;

/**
 * A data tile's body as the page shows it when the cache holds the app's answer: the same markup {@code js/tile.js}
 * builds ({@code ul.portico-data-tile-items} of links, subtitles and {@code <time>}s, or the "nothing yet" text),
 * written by the OWASP sanitiser's {@link HtmlStreamRenderer}, which escapes every text and attribute. Rendered once
 * per cached answer, language and context path ({@link DataTileBodies#html}) instead of by Facelets on every page view:
 * Jakarta EL 5 resolves each {@code #{item.title()}} by reflection again. Thread-safe (stateless).
 */
public final class TileHtml {

    private TileHtml() {
    }

    /**
     * The body's markup.
     *
     * @param body        items or empty (an "unavailable" body is the page's own markup, with its Retry button)
     * @param contextPath prefixed to each item's deep link
     */
    public static String of(DataTileBodies.Body body, Locale locale, String contextPath) {
        StringBuilder html = new StringBuilder(256 + 160 * body.items().size());
        HtmlStreamRenderer out = HtmlStreamRenderer.create(html, problem -> {
            throw new IllegalArgumentException("Unrenderable data tile markup: " + problem);
        });
        out.openDocument();
        if (body.state() != DataTileBodies.State.ITEMS || body.items().isEmpty()) {
            out.openTag("p", List.of("class", "portico-muted portico-data-tile-empty"));
            out.text(Texts.format(locale, "tile.empty"));
            out.closeTag("p");
        } else {
            out.openTag("ul", List.of("class", "portico-data-tile-items"));
            for (DataTileBodies.Item item : body.items()) {
                out.openTag("li", List.of());
                if (item.href() == null) {
                    element(out, "span", List.of("class", "portico-data-tile-title"), item.title());
                } else {
                    List<String> link = new ArrayList<>(List.of("class", "portico-data-tile-link",
                            "href", contextPath + item.href()));
                    if (item.newTab()) {
                        link.addAll(List.of("target", "_blank", "rel", "noopener noreferrer"));
                    }
                    element(out, "a", link, item.title());
                }
                if (item.subtitle() != null && !item.subtitle().isEmpty()) {
                    element(out, "span", List.of("class", "portico-data-tile-subtitle"), item.subtitle());
                }
                if (item.date() != null) {
                    element(out, "time", List.of("class", "portico-data-tile-date portico-muted",
                            "datetime", item.date().toString()), item.dateOnly()
                            ? Dates.date(item.date(), locale) : Dates.dateTime(item.date(), locale));
                }
                out.closeTag("li");
            }
            out.closeTag("ul");
        }
        out.closeDocument();
        return html.toString();
    }

    private static void element(HtmlStreamRenderer out, String name, List<String> attributes, String text) {
        out.openTag(name, attributes);
        out.text(text);
        out.closeTag(name);
    }
}

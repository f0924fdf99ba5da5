package org.portico.web.view.admin.pages;

import java.util.Locale;
import java.util.StringJoiner;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.portico.web.i18n.Texts;
import org.portico.web.page.Widget;

/** One short line of what a widget is set to show, for its panel in the editor: "demo-app · invoice", "welcome". */
final class WidgetSummary {

    private WidgetSummary() {
    }

    static String of(Widget widget, Locale locale) {
        JsonObject settings = widget.settings();
        StringJoiner line = new StringJoiner(" · ");
        switch (widget.kind()) {
            case APP_TILE -> add(line, settings, "app", "route", "url");
            case APP_PANE -> add(line, settings, "app", "url");
            case DATA_TILE -> add(line, settings, "app", "url", "route");
            case CMS_BLOCK -> add(line, settings, "block");
            case LINKS_LIST -> {
                int count = settings.get("links") instanceof JsonArray links ? links.size() : 0;
                line.add(Texts.format(locale, "admin.pages.summary.links", count));
            }
        }
        return line.toString();
    }

    private static void add(StringJoiner line, JsonObject settings, String... keys) {
        for (String key : keys) {
            String value = WidgetForm.string(settings, key);
            if (value != null && !value.isBlank()) {
                line.add(value);
            }
        }
    }
}

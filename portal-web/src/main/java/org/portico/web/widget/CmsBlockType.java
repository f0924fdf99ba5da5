package org.portico.web.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.language.Languages;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * The CMS block: a block of the built-in content store, shown in the page's language with
 * {@code WEB-INF/widgets/cms-block.xhtml} ({@code #{cms.block(key)}}, sanitised HTML). Settings:
 * {@code {"block": "welcome"}}.
 * <p>
 * A block "exists" when it is published in a language Portico speaks, or without a language (what a page in any of
 * those languages would show, given the CMS' fallbacks); it is looked up through the same cached pipeline the page
 * reads. Thread-safe.
 */
@ApplicationScoped
public class CmsBlockType implements WidgetType {

    private static final Logger LOG = Logger.getLogger(CmsBlockType.class.getName());

    static final String BLOCK = "block";
    /** Longest block key the store holds ({@code cms_item.item_key}). */
    static final int MAX_KEY = 100;

    @Inject
    ContentSource content;

    @Override
    public WidgetKind kind() {
        return WidgetKind.CMS_BLOCK;
    }

    /** The block is named and published; a CMS that cannot be read now is a problem too (the check cannot be made). */
    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> errors = new ArrayList<>();
        SettingsReader reader = new SettingsReader(settings, "", errors);
        reader.onlyKeys(Set.of(BLOCK));
        String key = reader.string(BLOCK);
        if (key == null ? !reader.has(BLOCK) : key.isBlank() || key.length() > MAX_KEY) {
            reader.problem(BLOCK, "widget.block.required", MAX_KEY);
        } else if (key != null) {
            try {
                if (!exists(key)) {
                    reader.problem(BLOCK, "widget.block.unknown", SettingsReader.quoted(key));
                }
            } catch (ContentUnavailableException e) {
                reader.problem(BLOCK, "widget.block.unreadable");
            }
        }
        return List.copyOf(errors);
    }

    /**
     * Whether the block is still published. While the CMS cannot be read, yes: the page shows the last good version
     * it has (or nothing), which is not the admin's business.
     */
    @Override
    public boolean available(JsonObject settings) {
        if (settings == null || !(settings.get(BLOCK) instanceof JsonString key) || key.getString().isBlank()) {
            return false;
        }
        try {
            return exists(key.getString());
        } catch (ContentUnavailableException e) {
            LOG.fine(() -> "CMS block '" + key.getString() + "' taken as available, the CMS is unavailable: "
                    + e.getMessage());
            return true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "CMS block '" + key.getString() + "' shown as unavailable: " + e);
            return false;
        }
    }

    private boolean exists(String key) {
        for (Locale locale : Languages.SUPPORTED) {
            if (content.findBlock(key, locale).isPresent()) {
                return true;
            }
        }
        return content.findBlock(key, Locale.ROOT).isPresent();
    }
}

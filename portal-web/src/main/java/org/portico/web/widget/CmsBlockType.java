package org.portico.web.widget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.portico.cdn.tag.CacheTag;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.cms.CmsService;
import org.portico.web.cms.source.CmsSources;
import org.portico.web.language.Languages;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * The CMS content widget ({@code cms-block}): a block, or a whole page, of the built-in store or of an external source
 * (WordPress, Strapi), shown in the page's language with {@code WEB-INF/widgets/cms-block.xhtml}
 * ({@link CmsContentView}, sanitised HTML). Settings: {@code {"block": "welcome"}}, or {@code {"page": "about"}}, each
 * with an optional {@code "source": "team-blog"} (default: the built-in store). A portal page whose only widget is a
 * CMS page is a page bound to that item.
 * <p>
 * An item "exists" when it is published in a language Portico speaks, or without a language (what a page in any of
 * those languages would show, given the CMS' fallbacks); it is looked up through the same cached pipeline the page
 * reads. Thread-safe.
 */
@ApplicationScoped
public class CmsBlockType implements WidgetType {

    private static final Logger LOG = Logger.getLogger(CmsBlockType.class.getName());

    static final String BLOCK = "block";
    static final String PAGE = "page";
    static final String SOURCE = "source";
    /** Longest key the store holds ({@code cms_item.item_key}). */
    static final int MAX_KEY = 100;

    @Inject
    ContentSource content;

    @Inject
    CmsSources sources;

    @Override
    public WidgetKind kind() {
        return WidgetKind.CMS_BLOCK;
    }

    /**
     * A block or a page is named (not both), its source exists and is enabled, and the item is published; a source
     * that cannot be read now is a problem too (the check cannot be made).
     */
    @Override
    public List<FieldMessage> check(JsonObject settings) {
        List<FieldMessage> errors = new ArrayList<>();
        SettingsReader reader = new SettingsReader(settings, "", errors);
        reader.onlyKeys(Set.of(BLOCK, PAGE, SOURCE));
        String sourceId = reader.string(SOURCE);
        Optional<ContentSource> source = Optional.of(content);
        if (sourceId != null) {
            source = sources.content(sourceId);
            if (source.isEmpty()) {
                reader.problem(SOURCE, "widget.block.source", SettingsReader.quoted(sourceId));
            }
        }
        String block = reader.string(BLOCK);
        String page = reader.string(PAGE);
        if (reader.has(BLOCK) && reader.has(PAGE)) {
            reader.problem(PAGE, "widget.block.both");
            return List.copyOf(errors);
        }
        ContentKind kind = reader.has(PAGE) ? ContentKind.PAGE : ContentKind.BLOCK;
        String field = kind == ContentKind.PAGE ? PAGE : BLOCK;
        String key = kind == ContentKind.PAGE ? page : block;
        if (key == null ? !reader.has(field) : key.isBlank() || key.length() > MAX_KEY) {
            reader.problem(field, "widget.block.required", MAX_KEY);
        } else if (key != null && source.isPresent()) {
            try {
                if (!exists(source.get(), kind, key)) {
                    reader.problem(field, "widget.block.unknown", SettingsReader.quoted(key));
                }
            } catch (ContentUnavailableException e) {
                reader.problem(field, "widget.block.unreadable");
            }
        }
        return List.copyOf(errors);
    }

    /**
     * Whether the item is still published. While its source cannot be read, yes: the page shows the last good version
     * it has (or nothing), which is not the admin's business.
     */
    @Override
    public boolean available(JsonObject settings) {
        Optional<Item> item = Item.of(settings);
        if (item.isEmpty()) {
            return false;
        }
        try {
            Optional<ContentSource> source = item.get().source() == null ? Optional.of(content)
                    : sources.content(item.get().source());
            return source.isPresent() && exists(source.get(), item.get().kind(), item.get().key());
        } catch (ContentUnavailableException e) {
            LOG.fine(() -> "CMS " + item.get() + " taken as available, its source is unavailable: " + e.getMessage());
            return true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "CMS " + item.get() + " shown as unavailable: " + e);
            return false;
        }
    }

    /** The item's tag, as the pages showing it send it ({@link CmsContentChanged#tagOf}). */
    @Override
    public Set<CacheTag> cacheTags(JsonObject settings) {
        return Item.of(settings).map(item -> Set.of(CmsContentChanged.tagOf(
                item.source() == null ? CmsService.BUILT_IN : item.source(), item.kind(), item.key()))).orElse(Set.of());
    }

    /** What a widget's settings name; empty when they name nothing readable. */
    record Item(String source, ContentKind kind, String key) {

        static Optional<Item> of(JsonObject settings) {
            if (settings == null) {
                return Optional.empty();
            }
            String source = settings.get(SOURCE) instanceof JsonString id && !id.getString().isBlank() ? id.getString() : null;
            if (settings.get(PAGE) instanceof JsonString page && !page.getString().isBlank()) {
                return Optional.of(new Item(source, ContentKind.PAGE, page.getString()));
            }
            if (settings.get(BLOCK) instanceof JsonString block && !block.getString().isBlank()) {
                return Optional.of(new Item(source, ContentKind.BLOCK, block.getString()));
            }
            return Optional.empty();
        }
    }

    private static boolean exists(ContentSource source, ContentKind kind, String key) {
        for (Locale locale : Languages.SUPPORTED) {
            if (source.find(kind, key, locale).isPresent()) {
                return true;
            }
        }
        return source.find(kind, key, Locale.ROOT).isPresent();
    }
}

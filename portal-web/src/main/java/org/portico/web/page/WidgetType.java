package org.portico.web.page;

import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.problem.FieldMessage;

/**
 * A kind of widget: how its settings are checked and whether what it shows still exists. One
 * {@code @ApplicationScoped} bean per {@link WidgetKind}, found through CDI ({@link WidgetTypes}); the kinds live in
 * their own packages, which depend on this one and never the other way round. The kind's body is rendered by
 * {@code /WEB-INF/widgets/<kind id>.xhtml}, which receives the {@link Widget} as {@code widget}.
 */
public interface WidgetType {

    WidgetKind kind();

    /**
     * Every problem of these settings at once; empty when they are valid. {@link FieldMessage#field()} names the
     * settings key ({@code "list"}, {@code "links/2/url"}); the page's rules put the widget's place in front of it.
     */
    List<FieldMessage> check(JsonObject settings);

    /**
     * False when what the widget shows is gone (its app disabled or deleted, its block or route gone): admins then see
     * "no longer available", users do not see the widget at all. Never throws.
     */
    default boolean available(JsonObject settings) {
        return true;
    }

    /** The origins the page must allow in its CSP {@code frame-src} when it shows this widget. */
    default Set<String> frameOrigins(JsonObject settings) {
        return Set.of();
    }

    /**
     * The cache tags of what the widget shows (its app, the routes it links to, its CMS item), whether or not it can be
     * shown now: a guest's copy of a page in a shared cache carries them, so that a change of any of them purges the
     * page, also the change that makes a widget available again. Never throws.
     */
    default Set<CacheTag> cacheTags(JsonObject settings) {
        return Set.of();
    }
}

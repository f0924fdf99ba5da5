package org.portico.cms.cache;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;

/** An in-memory CMS that can be taken down and counts the questions it is asked. */
final class FakeContentSource implements ContentSource {

    private final Map<String, ContentItem> items = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile boolean down;

    void publish(String key, Locale locale, String body) {
        items.put(key + "|" + locale.toLanguageTag(),
                new ContentItem(ContentKind.BLOCK, key, locale, key, body, Instant.parse("2025-01-01T00:00:00Z")));
    }

    void delete(String key, Locale locale) {
        items.remove(key + "|" + locale.toLanguageTag());
    }

    @Override
    public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
        asked.add(key + "|" + locale.toLanguageTag());
        if (down) {
            throw new ContentUnavailableException("fake CMS is down", null);
        }
        return Optional.ofNullable(items.get(key + "|" + locale.toLanguageTag()));
    }
}

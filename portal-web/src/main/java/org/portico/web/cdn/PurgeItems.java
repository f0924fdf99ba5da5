package org.portico.web.cdn;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/**
 * What one queue row asks a CDN to forget: cache tags and absolute URLs, sorted, without duplicates. A pending row
 * absorbs what later changes add ({@link #absorb}) up to {@link #MAX_ITEMS}, so a burst of changes becomes one purge
 * while a row stays a size a worker can send. Immutable; stored as two JSON arrays.
 */
record PurgeItems(SortedSet<String> tags, SortedSet<String> urls) {

    /** The most tags and URLs one row holds (beyond it, a new row is queued). */
    static final int MAX_ITEMS = 2000;

    PurgeItems {
        tags = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        urls = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(urls));
    }

    static PurgeItems of(Set<String> tags, Set<String> urls) {
        return new PurgeItems(new TreeSet<>(tags), new TreeSet<>(urls));
    }

    int count() {
        return tags.size() + urls.size();
    }

    boolean isEmpty() {
        return tags.isEmpty() && urls.isEmpty();
    }

    /**
     * This row with {@code more} added; empty when the union would exceed {@link #MAX_ITEMS} (then {@code more} goes
     * into a row of its own).
     */
    Optional<PurgeItems> absorb(PurgeItems more) {
        TreeSet<String> allTags = new TreeSet<>(tags);
        allTags.addAll(more.tags);
        TreeSet<String> allUrls = new TreeSet<>(urls);
        allUrls.addAll(more.urls);
        return allTags.size() + allUrls.size() > MAX_ITEMS ? Optional.empty()
                : Optional.of(new PurgeItems(allTags, allUrls));
    }

    static String json(Set<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }

    static SortedSet<String> parse(String json) {
        SortedSet<String> values = new TreeSet<>();
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            reader.readArray().forEach(value -> values.add(((JsonString) value).getString()));
        }
        return values;
    }
}

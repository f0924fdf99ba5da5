package org.portico.web.cdn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.portico.cdn.purge.Purge;
import org.portico.cdn.purge.PurgeLimits;

/**
 * The batches one queued purge is sent in, within the CDN's {@link PurgeLimits}: the tags in sorted order, at most
 * {@code maxTags} a batch, then the URLs, at most {@code maxUrls} a batch (a batch is never mixed: not every CDN takes
 * tags and URLs in one request). The order is fixed by the content, so after a restart batch <i>n</i> is the same batch
 * and the ones already accepted are not sent again. Immutable.
 */
record PurgePlan(List<Purge> batches) {

    PurgePlan {
        batches = List.copyOf(batches);
    }

    /**
     * @throws IllegalArgumentException when there are tags but the CDN purges none (resolve them to URLs first), or
     *                                  nothing at all
     */
    static PurgePlan of(Set<String> tags, Set<String> urls, PurgeLimits limits) {
        if (!tags.isEmpty() && !limits.purgesTags()) {
            throw new IllegalArgumentException("this CDN purges no tags: resolve " + tags.size() + " tags to URLs first");
        }
        List<Purge> batches = new ArrayList<>();
        for (List<String> chunk : chunks(new TreeSet<>(tags), limits.maxTags())) {
            batches.add(Purge.ofTags(Set.copyOf(chunk)));
        }
        for (List<String> chunk : chunks(new TreeSet<>(urls), limits.maxUrls())) {
            batches.add(Purge.ofUrls(Set.copyOf(chunk)));
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("a purge names at least one tag or URL");
        }
        return new PurgePlan(batches);
    }

    int size() {
        return batches.size();
    }

    private static List<List<String>> chunks(SortedSet<String> values, int size) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (String value : values) {
            chunk.add(value);
            if (chunk.size() == size) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}

package org.portico.web.media;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.metrics.PorticoMetrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The bytes of the images people look at, in memory in front of the database: at most {@code portico.media.cache-size}
 * bytes per node (Caffeine, weighed by size, the least used go first). An image's bytes never change under its name,
 * so only a deletion or a new private mark makes an entry wrong: this node forgets it when the change commits; other
 * nodes forget it within {@link #KEPT_FOR} (browsers and CDNs keep it for as long as they cache it anyway; a new
 * private mark reaches them sooner through {@link MediaPrivacy}, and a private image that was made public again stays
 * private there until then: wrong on the safe side). Unknown names are not cached. Thread-safe.
 */
@ApplicationScoped
public class MediaCache {

    /** How long a node keeps an image's bytes at most (a deletion on another node reaches it within a second anyway). */
    static final Duration KEPT_FOR = Duration.ofHours(1);
    /** What an entry costs beyond its bytes. */
    private static final int ENTRY_OVERHEAD = 160;

    @Inject
    MediaStore store;

    @Inject
    MediaSettings settings;

    @Inject
    PorticoMetrics metrics;

    private Cache<String, MediaContent> cache;

    @PostConstruct
    void build() {
        cache = Caffeine.newBuilder()
                .maximumWeight(settings.cacheSize())
                .weigher((String sha256, MediaContent content) -> content.bytes().length + ENTRY_OVERHEAD)
                .expireAfterWrite(KEPT_FOR)
                .recordStats()
                .build();
        metrics.cache("media", cache);
    }

    /** The image with this name (SHA-256, 64 lowercase hex digits), from memory or the database. */
    Optional<MediaContent> content(String sha256) {
        return Optional.ofNullable(cache.get(sha256, name -> store.content(name).orElse(null)));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) MediaDeleted deleted) {
        cache.invalidate(deleted.sha256());
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) MediaMarked marked) {
        cache.invalidate(marked.sha256());
    }

    /** A file was deleted or marked private on some node: forget the cached files. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.MEDIA)) {
            cache.invalidateAll();
        }
    }
}

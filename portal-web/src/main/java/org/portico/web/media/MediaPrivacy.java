package org.portico.web.media;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;

/**
 * Which images are private, as the media servlet and the pages ask on every image: the names of all private images,
 * read in one query (at most {@code portico.media.max-items} of them) and kept for {@link #KEPT_FOR}. A mark changed
 * on this node is seen at once (the set is read again after the change commits); one changed on another node within
 * a second (the {@code media} change marker), at the latest {@link #KEPT_FOR}. The marks themselves live in the database. Thread-safe.
 */
@ApplicationScoped
public class MediaPrivacy {

    /** How long a node trusts the set it read: a mark changed on another node reaches it within this. */
    static final Duration KEPT_FOR = Duration.ofSeconds(10);

    @Inject
    MediaStore store;

    private final LoadingCache<Boolean, Set<String>> names = Caffeine.newBuilder()
            .expireAfterWrite(KEPT_FOR).maximumSize(1).build(all -> store.privateNames());

    /** Whether the image with this name is private (unknown names are not). */
    public boolean isPrivate(String sha256) {
        return names.get(Boolean.TRUE).contains(sha256);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) MediaMarked marked) {
        names.invalidateAll();
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) MediaDeleted deleted) {
        names.invalidateAll();
    }

    /** A file was marked private (or public) or deleted on some node: read the private names again. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.MEDIA)) {
            names.invalidateAll();
        }
    }
}

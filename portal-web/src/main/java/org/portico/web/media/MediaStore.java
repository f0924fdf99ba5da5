package org.portico.web.media;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.edge.PorticoTags;
import org.portico.web.edge.SharedCopiesStale;

/**
 * The images content editors put into CMS pages, kept in the database ({@code cms_media}), so every node and every
 * restart sees the same ones. An image is named by the SHA-256 of its bytes: the same image uploaded twice is stored
 * once, and its URL ({@link MediaInfo#url()}) never changes what it shows, so it is cached for a year.
 * <p>
 * An upload is refused ({@link MediaRejectedException}) when it is empty, larger than {@code portico.media.max-size},
 * not a PNG, JPEG, GIF or WebP image by its first bytes (its name and declared type are not asked: a PNG called
 * {@code notes.txt} is a PNG, an HTML or SVG file called {@code photo.png} is refused), or when the store holds
 * {@code portico.media.max-items} images already. Uploads and deletions are audited, refused ones too.
 */
@ApplicationScoped
@Transactional
public class MediaStore {

    @Inject
    ChangeMarkers markers;

    /** Images listed at most per query. */
    static final int LIST_LIMIT = 200;

    private static final String INFO = "SELECT new org.portico.web.media.MediaInfo(m.sha256, m.format, m.size,"
            + " m.width, m.height, m.fileName, m.uploadedBy, m.uploadedAt, m.privateFile) FROM StoredMedia m";
    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    MediaSettings settings;

    @Inject
    Event<MediaDeleted> deleted;

    @Inject
    Event<MediaMarked> marked;

    @Inject
    Event<SharedCopiesStale> stale;

    /**
     * Stores an image, or finds it when the same bytes are stored already.
     *
     * @param fileName    the file's name on the uploader's disk, kept for people to read (cut, never used as a path)
     * @param by          the uploader's username
     * @param privateFile whether a new image is private; an image stored already keeps its mark (the answer says
     *                    which), so that an upload never takes an image off the pages that show it
     * @return the stored image
     * @throws MediaRejectedException when the bytes are refused or the store is full
     */
    public MediaInfo store(byte[] bytes, String fileName, String by, boolean privateFile) {
        String name = MediaRules.displayName(fileName);
        try {
            ImageHeader image = MediaRules.image(bytes, name, settings.maxSize());
            String sha256 = MediaRules.sha256(bytes);
            Optional<MediaInfo> stored = find(sha256);
            if (stored.isPresent()) {
                audit.record(AuditAction.MEDIA_UPLOADED, target(sha256), AuditOutcome.SUCCESS,
                        name + ": stored already as " + stored.get().name());
                return stored.get();
            }
            MediaRules.requireRoom(count(), settings.maxItems());
            StoredMedia media = new StoredMedia(sha256, image, bytes, name, by, clock.instant(), privateFile);
            try {
                em.persist(media);
                em.flush();
            } catch (PersistenceException e) {
                if (uniqueViolation(e)) {
                    throw new MediaRejectedException.StoredMeanwhile();
                }
                throw e;
            }
            MediaInfo info = media.info();
            if (privateFile) { // this node's pages sign it from the first view on
                marked.fire(new MediaMarked(sha256, true));
                markers.bump(Topics.MEDIA);
            }
            audit.record(AuditAction.MEDIA_UPLOADED, target(sha256), AuditOutcome.SUCCESS, name + " ("
                    + image.format().mediaType() + ", " + bytes.length + " bytes, " + image.width() + "×"
                    + image.height() + (privateFile ? ", private" : "") + ")");
            return info;
        } catch (MediaRejectedException e) {
            audit.record(AuditAction.MEDIA_UPLOADED, "media", AuditOutcome.REFUSED, name + ": " + e.getMessage());
            throw e;
        }
    }

    /** The images, newest first: at most {@code max} (capped at {@value #LIST_LIMIT}) from index {@code first}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MediaInfo> list(int first, int max) {
        return em.createQuery(INFO + " ORDER BY m.uploadedAt DESC, m.id DESC", MediaInfo.class)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(1, max), LIST_LIMIT))
                .getResultList();
    }

    /** How many images are stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return em.createQuery("SELECT COUNT(m) FROM StoredMedia m", Long.class).getSingleResult();
    }

    /** The image whose bytes have this SHA-256 (64 lowercase hex digits); empty for any other text. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MediaInfo> find(String sha256) {
        if (sha256 == null || !MediaRules.SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        return em.createQuery(INFO + " WHERE m.sha256 = :sha256", MediaInfo.class)
                .setParameter("sha256", sha256).getResultStream().findFirst();
    }

    /**
     * Deletes an image. Pages that show it show a missing image from then on; a CDN is told to forget the image and
     * the guest pages that show it ({@link SharedCopiesStale}); browsers that cached it may keep it (its URL is cached
     * for a year).
     *
     * @throws MediaRejectedException.MediaNotFound when there is no such image
     */
    public void delete(String sha256, String by) {
        MediaInfo media = find(sha256).orElse(null);
        if (media == null) {
            MediaRejectedException refused = new MediaRejectedException.MediaNotFound(String.valueOf(sha256));
            audit.record(AuditAction.MEDIA_DELETED, "media", AuditOutcome.REFUSED, refused.getMessage());
            throw refused;
        }
        em.createQuery("DELETE FROM StoredMedia m WHERE m.sha256 = :sha256").setParameter("sha256", sha256)
                .executeUpdate();
        audit.record(AuditAction.MEDIA_DELETED, target(sha256), AuditOutcome.SUCCESS, media.name()
                + " (uploaded by " + media.uploadedBy() + ", deleted by " + by + ")");
        deleted.fire(new MediaDeleted(sha256));
        markers.bump(Topics.MEDIA);
        stale.fire(new SharedCopiesStale(Set.of(PorticoTags.media(sha256))));
    }

    /**
     * Marks an image private (served through signed URLs to logged-in readers only) or public (to everyone at its
     * URL). A CDN is told to forget the image and the guest pages that show it or leave it out
     * ({@link SharedCopiesStale}); browsers that cached a public image keep their copy: a mark set later takes it off
     * pages, not out of browsers' caches.
     *
     * @return the image as marked now
     * @throws MediaRejectedException.MediaNotFound when there is no such image
     */
    public MediaInfo mark(String sha256, boolean privateFile, String by) {
        MediaInfo media = find(sha256).orElse(null);
        if (media == null) {
            MediaRejectedException refused = new MediaRejectedException.MediaNotFound(String.valueOf(sha256));
            audit.record(AuditAction.MEDIA_MARKED, "media", AuditOutcome.REFUSED, refused.getMessage());
            throw refused;
        }
        if (media.privateFile() != privateFile) {
            em.createQuery("UPDATE StoredMedia m SET m.privateFile = :privateFile WHERE m.sha256 = :sha256")
                    .setParameter("privateFile", privateFile).setParameter("sha256", sha256).executeUpdate();
            audit.record(AuditAction.MEDIA_MARKED, target(sha256), AuditOutcome.SUCCESS, media.name()
                    + (privateFile ? " is private now" : " is public now") + " (by " + by + ")");
            marked.fire(new MediaMarked(sha256, privateFile));
            markers.bump(Topics.MEDIA);
            stale.fire(new SharedCopiesStale(Set.of(PorticoTags.media(sha256))));
        }
        return find(sha256).orElseThrow();
    }

    /** The names (SHA-256) of the private images: at most {@code portico.media.max-items}, for {@link MediaPrivacy}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Set<String> privateNames() {
        return Set.copyOf(em.createQuery("SELECT m.sha256 FROM StoredMedia m WHERE m.privateFile = TRUE", String.class)
                .getResultList());
    }

    /** The bytes to serve, for {@link MediaCache}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<MediaContent> content(String sha256) {
        return em.createQuery("SELECT new org.portico.web.media.MediaContent(m.format, m.content, m.privateFile)"
                        + " FROM StoredMedia m"
                        + " WHERE m.sha256 = :sha256", MediaContent.class)
                .setParameter("sha256", sha256).getResultStream().findFirst();
    }

    private static String target(String sha256) {
        return "media:" + sha256;
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

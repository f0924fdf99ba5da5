package org.portico.web.media;

import org.portico.web.problem.RejectedException;

/**
 * An upload or a deletion the media store refused, and why; the REST API answers it as problem+json in the
 * request's language, the editor shows its message next to the text editor.
 */
public abstract sealed class MediaRejectedException extends RejectedException
        permits MediaRejectedException.NoFile, MediaRejectedException.EmptyFile, MediaRejectedException.TooLarge,
        MediaRejectedException.NotAnImage, MediaRejectedException.StoreFull, MediaRejectedException.MediaNotFound,
        MediaRejectedException.StoredMeanwhile {

    private static final long serialVersionUID = 1L;

    MediaRejectedException(int status, String type, String key, Object... params) {
        super(status, type, key, params);
    }

    /** The upload holds no part named {@code file}. */
    public static final class NoFile extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public NoFile() {
            super(400, "invalid-media", "problem.media.no-file");
        }
    }

    /** The file has no bytes. */
    public static final class EmptyFile extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public EmptyFile() {
            super(400, "invalid-media", "problem.media.empty");
        }
    }

    /** The file, or the whole upload, is larger than {@code portico.media.max-size}. */
    public static final class TooLarge extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public TooLarge(long maxSize) {
            super(413, "invalid-media", "problem.media.too-large", MediaSettings.bytes(maxSize));
        }
    }

    /** The bytes are no PNG, JPEG, GIF or WebP image (whatever the file's name or declared type said). */
    public static final class NotAnImage extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public NotAnImage(String fileName) {
            super(415, "invalid-media", "problem.media.not-an-image", fileName);
        }
    }

    /** The store holds {@code portico.media.max-items} images already. */
    public static final class StoreFull extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public StoreFull(int maxItems) {
            super(409, "media-store-full", "problem.media.full", String.valueOf(maxItems));
        }
    }

    public static final class MediaNotFound extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public MediaNotFound(String sha256) {
            super(404, "media-not-found", "problem.media.not-found", sha256);
        }
    }

    /** The same image was stored by another upload at the same moment; uploading it again gives its address. */
    public static final class StoredMeanwhile extends MediaRejectedException {
        private static final long serialVersionUID = 1L;

        public StoredMeanwhile() {
            super(409, "media-conflict", "problem.media.stored-meanwhile");
        }
    }
}

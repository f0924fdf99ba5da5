package org.portico.web.media;

import java.time.Instant;

/**
 * An image of the media store, without its bytes: what the editor's list and the upload's answer show. Immutable.
 *
 * @param sha256     the SHA-256 of the bytes, 64 lowercase hex digits: the image's name
 * @param format     decided from the bytes
 * @param size       in bytes
 * @param width      in pixels, or null when the header did not say
 * @param height     in pixels, or null when the header did not say
 * @param name       the file's name on the uploader's disk, for people only (never a path)
 * @param uploadedBy who uploaded it first
 * @param uploadedAt when
 * @param privateFile whether it is private: never served at {@link #url()}, shown to logged-in readers only, through
 *                    a signed URL that expires
 */
public record MediaInfo(String sha256, ImageFormat format, long size, Integer width, Integer height, String name,
                        String uploadedBy, Instant uploadedAt, boolean privateFile) {

    /**
     * Where the image is served, relative to Portico's root: {@code /media/<sha256>.<ext>}. A private image is not
     * served there: its signed URLs name this path.
     */
    public String url() {
        return MediaServlet.PATH + "/" + sha256 + "." + format.extension();
    }
}

package org.portico.web.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats the media store accepts: raster formats that browsers show and that run no code. SVG is not among
 * them: it is a document that may hold scripts, so an SVG opened directly would run them on Portico's origin.
 * A format is recognised by the file's first bytes ({@link ImageHeader}), never by its name or declared type.
 */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type it is served with, e.g. {@code image/png}. */
    public String mediaType() {
        return mediaType;
    }

    /** The file extension of its URL, e.g. {@code png}, {@code jpg}. */
    public String extension() {
        return extension;
    }

    /** The format served with {@code mediaType}, as the store keeps it. */
    static Optional<ImageFormat> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter(format -> format.mediaType.equals(mediaType)).findFirst();
    }

    /** The format whose URL ends in {@code extension} ({@code png}, {@code jpg}, {@code gif}, {@code webp}). */
    static Optional<ImageFormat> ofExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }
}

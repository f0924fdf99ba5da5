package org.portico.web.media;

/**
 * An image's bytes as the media servlet sends them, with the format they are served as and whether the image was
 * private when they were read (the servlet also asks {@link MediaPrivacy}, which sees a later mark sooner). The array
 * is shared, never changed: it is the cached copy.
 */
record MediaContent(ImageFormat format, byte[] bytes, boolean privateFile) {
}

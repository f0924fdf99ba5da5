package org.portico.web.media;

/**
 * An image's bytes as the media servlet sends them, with the format they are served as. The array is shared, never
 * changed: it is the cached copy.
 */
record MediaContent(ImageFormat format, byte[] bytes) {
}

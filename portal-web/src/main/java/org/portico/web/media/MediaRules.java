package org.portico.web.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What the media store accepts, as plain functions: an image of an accepted format within the size cap, room for one
 * more, and a file name fit to show. Stateless.
 */
final class MediaRules {

    /** An image's name: the SHA-256 of its bytes in lowercase hex. */
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** The longest file name kept (in characters; longer ones are cut). */
    static final int NAME_LENGTH = 200;

    private MediaRules() {
    }

    /**
     * The image the bytes are, refused when empty, larger than {@code maxSize} or of no accepted format (decided
     * from the bytes alone).
     *
     * @param name the file's name, for the message only
     */
    static ImageHeader image(byte[] bytes, String name, int maxSize) {
        if (bytes.length == 0) {
            throw new MediaRejectedException.EmptyFile();
        }
        if (bytes.length > maxSize) {
            throw new MediaRejectedException.TooLarge(maxSize);
        }
        return ImageHeader.read(bytes).orElseThrow(() -> new MediaRejectedException.NotAnImage(name));
    }

    /** Refuses one more image when the store holds {@code maxItems} already. */
    static void requireRoom(long stored, int maxItems) {
        if (stored >= maxItems) {
            throw new MediaRejectedException.StoreFull(maxItems);
        }
    }

    /**
     * A file name fit to show: its last segment (some browsers send the whole path), without control characters,
     * at most {@value #NAME_LENGTH} characters; {@code image} when nothing is left.
     */
    static String displayName(String fileName) {
        if (fileName == null) {
            return "image";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        StringBuilder shown = new StringBuilder(Math.min(name.length(), NAME_LENGTH));
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(NAME_LENGTH).forEach(shown::appendCodePoint);
        String stripped = shown.toString().strip();
        // a character outside the BMP counts twice in the column's length
        while (stripped.length() > NAME_LENGTH) {
            stripped = stripped.substring(0, stripped.offsetByCodePoints(stripped.length(), -1));
        }
        return stripped.isEmpty() ? "image" : stripped;
    }

    /** The SHA-256 of the bytes, 64 lowercase hex digits. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

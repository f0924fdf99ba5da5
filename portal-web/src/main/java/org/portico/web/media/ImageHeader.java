package org.portico.web.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the first bytes of a file say: which {@link ImageFormat} it is and the image's size in pixels. Only the
 * header is read (no decoding), so this is cheap and cannot be made to allocate. A file whose header is cut short,
 * or that is of no accepted format (text, HTML, SVG, PDF…), is no image here, whatever its name says.
 *
 * @param format the format its magic bytes name
 * @param width  in pixels, at least 1
 * @param height in pixels, at least 1
 */
record ImageHeader(ImageFormat format, int width, int height) {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The header of an image of an accepted format, or empty. */
    static Optional<ImageHeader> read(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return png(bytes);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return jpeg(bytes);
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return gif(bytes);
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return webp(bytes);
        }
        return Optional.empty();
    }

    /** PNG: the IHDR chunk comes first, its width and height big-endian. */
    private static Optional<ImageHeader> png(byte[] bytes) {
        if (bytes.length < 24 || !startsWith(bytes, 12, ascii("IHDR"))) {
            return Optional.empty();
        }
        return sized(ImageFormat.PNG, int32BigEndian(bytes, 16), int32BigEndian(bytes, 20));
    }

    /**
     * JPEG: segments follow the start-of-image marker; the start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC)
     * holds height and width. It comes before the scan, so a file without one is cut short or no JPEG.
     */
    private static Optional<ImageHeader> jpeg(byte[] bytes) {
        int at = 2;
        while (at + 4 <= bytes.length) {
            if ((bytes[at] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = bytes[at + 1] & 0xff;
            if (marker == 0xff) { // fill byte before a marker
                at++;
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || marker >= 0xd0 && marker <= 0xd7) { // markers without a length
                at += 2;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) { // end of image, start of scan: no frame header before
                return Optional.empty();
            }
            int length = uint16BigEndian(bytes, at + 2);
            if (length < 2) {
                return Optional.empty();
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return at + 9 <= bytes.length && length >= 7
                        ? sized(ImageFormat.JPEG, uint16BigEndian(bytes, at + 7), uint16BigEndian(bytes, at + 5))
                        : Optional.empty();
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    /** GIF: the logical screen descriptor follows the signature, width and height little-endian. */
    private static Optional<ImageHeader> gif(byte[] bytes) {
        if (bytes.length < 13) {
            return Optional.empty();
        }
        return sized(ImageFormat.GIF, uint16LittleEndian(bytes, 6), uint16LittleEndian(bytes, 8));
    }

    /** WebP: a RIFF container whose first chunk is lossy (VP8), lossless (VP8L) or extended (VP8X). */
    private static Optional<ImageHeader> webp(byte[] bytes) {
        if (startsWith(bytes, 12, ascii("VP8 ")) && bytes.length >= 30
                && (bytes[23] & 0xff) == 0x9d && (bytes[24] & 0xff) == 0x01 && (bytes[25] & 0xff) == 0x2a) {
            return sized(ImageFormat.WEBP, uint16LittleEndian(bytes, 26) & 0x3fff,
                    uint16LittleEndian(bytes, 28) & 0x3fff);
        }
        if (startsWith(bytes, 12, ascii("VP8L")) && bytes.length >= 25 && (bytes[20] & 0xff) == 0x2f) {
            int bits = (bytes[21] & 0xff) | (bytes[22] & 0xff) << 8 | (bytes[23] & 0xff) << 16 | (bytes[24] & 0xff) << 24;
            return sized(ImageFormat.WEBP, (bits & 0x3fff) + 1, (bits >>> 14 & 0x3fff) + 1);
        }
        if (startsWith(bytes, 12, ascii("VP8X")) && bytes.length >= 30) {
            return sized(ImageFormat.WEBP, uint24LittleEndian(bytes, 24) + 1, uint24LittleEndian(bytes, 27) + 1);
        }
        return Optional.empty();
    }

    private static Optional<ImageHeader> sized(ImageFormat format, long width, long height) {
        return width >= 1 && height >= 1 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                ? Optional.of(new ImageHeader(format, (int) width, (int) height))
                : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static long int32BigEndian(byte[] bytes, int at) {
        return (long) (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }

    private static int uint16BigEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
    }

    private static int uint16LittleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static int uint24LittleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16;
    }
}

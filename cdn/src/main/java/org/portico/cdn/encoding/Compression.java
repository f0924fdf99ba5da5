package org.portico.cdn.encoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;

/**
 * Compresses content once, at the strongest settings, for serving many times: brotli at quality 11 and gzip at level 9.
 *
 * <p>Only content that compresses is compressed ({@link #worthCompressing}): text, scripts, styles, SVG, JSON, and
 * the font formats without compression of their own; a coding is kept only when it saves at least 5 %. Brotli needs
 * brotli4j's native encoder for the platform; without one, {@link #compress} returns no brotli coding and assets go
 * out gzip-compressed (logged once).
 *
 * <p>Thread-safe.
 */
public final class Compression {

    /** Content smaller than this is sent as is: the coding's overhead eats the saving. */
    public static final int MIN_LENGTH = 256;

    private static final Logger LOG = Logger.getLogger(Compression.class.getName());
    private static final Set<String> COMPRESSIBLE_EXTENSIONS = Set.of("css", "js", "mjs", "json", "map", "svg", "html",
            "htm", "txt", "xml", "ttf", "otf", "eot", "ico", "wasm");
    private static final boolean BROTLI = loadBrotli();

    private Compression() {
    }

    /** Whether a file of this name is worth compressing, by its extension (woff2, PNG, JPEG… are compressed already). */
    public static boolean worthCompressing(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && COMPRESSIBLE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether brotli is available here. */
    public static boolean brotliAvailable() {
        return BROTLI;
    }

    /**
     * The content in {@code encoding}, or empty when that coding is not worth it (small content, saves under 5 %) or
     * not available (brotli without its native encoder).
     *
     * @throws IllegalArgumentException for {@link ContentEncoding#IDENTITY}
     */
    public static Optional<byte[]> compress(byte[] content, ContentEncoding encoding) {
        if (content.length < MIN_LENGTH) {
            return Optional.empty();
        }
        byte[] compressed = switch (encoding) {
            case BROTLI -> BROTLI ? brotli(content) : null;
            case GZIP -> gzip(content);
            case IDENTITY -> throw new IllegalArgumentException("identity is no compression");
        };
        return compressed != null && compressed.length <= content.length * 0.95 ? Optional.of(compressed)
                : Optional.empty();
    }

    private static byte[] brotli(byte[] content) {
        try {
            return Encoder.compress(content, new Encoder.Parameters().setQuality(11).setMode(Encoder.Mode.GENERIC));
        } catch (IOException e) {
            throw new UncheckedIOException("brotli failed", e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip failed", e);
        }
        return out.toByteArray();
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.WARNING, "Brotli is not available on this platform ({0}); assets are served gzip-compressed",
                    e.toString());
            return false;
        }
    }
}

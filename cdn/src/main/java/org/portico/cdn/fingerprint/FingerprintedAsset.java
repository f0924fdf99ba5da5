package org.portico.cdn.fingerprint;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.portico.cdn.encoding.Compression;
import org.portico.cdn.encoding.ContentEncoding;

/**
 * One asset with its content, content hash, fingerprinted name, Subresource Integrity value, and its content in each
 * {@link ContentEncoding} worth sending (compressed once, on first use of that coding, then kept).
 *
 * <p>Immutable and thread-safe: the content is copied on the way in and never handed out as an array.
 */
public final class FingerprintedAsset {

    private final FingerprintedName name;
    private final ContentHash hash;
    private final byte[] content;
    private final String integrity;
    private final Map<ContentEncoding, Optional<byte[]>> encoded = new ConcurrentHashMap<>();

    /**
     * Hashes {@code content} and names it after {@code logicalPath}.
     *
     * @throws IllegalArgumentException when {@code logicalPath} is not a valid logical path
     */
    public FingerprintedAsset(String logicalPath, byte[] content) {
        this.content = content.clone();
        this.hash = ContentHash.of(this.content);
        this.name = FingerprintedName.of(logicalPath, hash);
        this.integrity = "sha384-" + Base64.getEncoder().encodeToString(sha384(this.content));
    }

    /** The fingerprinted name, e.g. {@code css/portico.AbCdEf012345.css}. */
    public FingerprintedName name() {
        return name;
    }

    /** The path without fingerprint, e.g. {@code css/portico.css}. */
    public String logicalPath() {
        return name.logicalPath();
    }

    /** The SHA-256 of the content. */
    public ContentHash hash() {
        return hash;
    }

    /**
     * The Subresource Integrity metadata of the content ({@code sha384-<base64>}), for the {@code integrity}
     * attribute of the scripts and style sheets that load it from a CDN.
     */
    public String integrity() {
        return integrity;
    }

    /**
     * The codings this asset is sent in besides identity: those worth it for its type and size
     * ({@link Compression}). The first call per coding compresses, which may take a moment for a large script.
     */
    public Set<ContentEncoding> encodings() {
        if (!Compression.worthCompressing(name.logicalPath())) {
            return Set.of();
        }
        Set<ContentEncoding> available = EnumSet.noneOf(ContentEncoding.class);
        for (ContentEncoding encoding : List.of(ContentEncoding.BROTLI, ContentEncoding.GZIP)) {
            if (encoded(encoding).isPresent()) {
                available.add(encoding);
            }
        }
        return available;
    }

    /**
     * The content in {@code encoding}: the content itself for identity, else its compressed form, empty when that
     * coding is not sent for this asset.
     */
    public Optional<Representation> representation(ContentEncoding encoding) {
        if (encoding == ContentEncoding.IDENTITY) {
            return Optional.of(new Representation(encoding, content));
        }
        return encoded(encoding).map(bytes -> new Representation(encoding, bytes));
    }

    /**
     * The asset's content in one coding.
     *
     * @param encoding the coding
     * @param bytes    never modified, never handed out
     */
    public record Representation(ContentEncoding encoding, byte[] bytes) {

        /** The representation's strong entity tag: the content's hash, plus the coding for a compressed one. */
        public String opaqueTag(ContentHash hash) {
            return encoding == ContentEncoding.IDENTITY ? hash.value() : hash.value() + "." + encoding.tagSuffix();
        }

        /** Its length in bytes. */
        public int length() {
            return bytes.length;
        }

        /** Its bytes, as a read-only buffer of their own (position 0, limit the length). */
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Representation other && encoding == other.encoding
                    && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * encoding.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Representation[" + encoding.token() + ", " + bytes.length + " bytes]";
        }
    }

    /** Whether every coding worth sending is compressed already, so that no call here compresses (or waits). */
    public boolean compressed() {
        return !Compression.worthCompressing(name.logicalPath())
                || encoded.containsKey(ContentEncoding.BROTLI) && encoded.containsKey(ContentEncoding.GZIP);
    }

    private Optional<byte[]> encoded(ContentEncoding encoding) {
        if (!Compression.worthCompressing(name.logicalPath())) {
            return Optional.empty();
        }
        return encoded.computeIfAbsent(encoding, coding -> Compression.compress(content, coding));
    }

    private static byte[] sha384(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-384", e);
        }
    }

    /** Length of the content in bytes. */
    public int length() {
        return content.length;
    }



    @Override
    public boolean equals(Object o) {
        return o instanceof FingerprintedAsset other && name.equals(other.name) && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, hash);
    }

    @Override
    public String toString() {
        return "FingerprintedAsset[" + name + ", " + content.length + " bytes]";
    }
}

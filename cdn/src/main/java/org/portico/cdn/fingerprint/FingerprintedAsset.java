package org.portico.cdn.fingerprint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * One asset with its content, content hash and fingerprinted name.
 *
 * <p>Immutable and thread-safe: the content is copied on the way in and never handed out as an array.
 */
public final class FingerprintedAsset {

    private final FingerprintedName name;
    private final ContentHash hash;
    private final byte[] content;

    /**
     * Hashes {@code content} and names it after {@code logicalPath}.
     *
     * @throws IllegalArgumentException when {@code logicalPath} is not a valid logical path
     */
    public FingerprintedAsset(String logicalPath, byte[] content) {
        this.content = content.clone();
        this.hash = ContentHash.of(this.content);
        this.name = FingerprintedName.of(logicalPath, hash);
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

    /** Length of the content in bytes. */
    public int length() {
        return content.length;
    }

    /** A fresh stream over the content. */
    public InputStream open() {
        return new ByteArrayInputStream(content);
    }

    /**
     * Writes the content to {@code out} (which is not closed).
     *
     * @throws IOException when writing fails, typically because the client went away
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
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

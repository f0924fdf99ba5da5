package org.portico.cdn.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of some content, in unpadded base64url (43 characters, safe in URLs, file names and ETags).
 *
 * <p>{@link #fingerprint()} is the short prefix that goes into fingerprinted file names; the full {@link #value()} is
 * what strong ETags and integrity checks use.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value 43 characters of unpadded base64url
 */
public record ContentHash(String value) {

    /** Characters of {@link #fingerprint()}: 72 bits, plenty to tell deployments of one file apart. */
    public static final int FINGERPRINT_LENGTH = 12;

    private static final Pattern BASE64URL_SHA256 = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

    /**
     * @throws IllegalArgumentException when {@code value} is not an unpadded base64url SHA-256
     */
    public ContentHash {
        Objects.requireNonNull(value, "value");
        if (!BASE64URL_SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("content hash must be 43 characters of unpadded base64url, got '"
                    + value + "'");
        }
    }

    /** The hash of {@code content}. */
    public static ContentHash of(byte[] content) {
        return new ContentHash(encode(sha256().digest(content)));
    }

    /**
     * The hash of everything {@code in} yields; the stream is read to its end but not closed.
     *
     * @throws IOException when reading fails
     */
    public static ContentHash of(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return new ContentHash(encode(digest.digest()));
    }

    /** The first {@value #FINGERPRINT_LENGTH} characters, used in fingerprinted names. */
    public String fingerprint() {
        return value.substring(0, FINGERPRINT_LENGTH);
    }

    private static String encode(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available on this JVM", e);
        }
    }
}

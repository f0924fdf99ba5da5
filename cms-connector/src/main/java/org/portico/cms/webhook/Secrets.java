package org.portico.cms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Secrets and digests for the verifiers. Stateless and thread-safe. */
final class Secrets {

    private static final int MIN_SECRET_LENGTH = 16;

    private Secrets() {
    }

    /**
     * The UTF-8 bytes of a configured secret.
     *
     * @throws IllegalArgumentException when it is shorter than 16 characters (the message does not show it)
     */
    static byte[] bytes(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the webhook secret must be at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. 32 random hex digits, got " + (secret == null ? "none" : "a shorter one"));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 digest of {@code bytes}. */
    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Lower-case hex. */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

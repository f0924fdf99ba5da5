package org.portico.deeplink.random;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable identifiers and secrets: random bytes from one shared {@link SecureRandom}, written as base64url
 * without padding (so they fit in URLs, headers and JSON as they are). One home for what token ids, one-time tickets,
 * session ids, questions and generated secrets all need. Thread-safe ({@code SecureRandom} is).
 */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** A new identifier: 128 random bits, 22 base64url characters. */
    public static String id() {
        return base64url(16);
    }

    /** A new secret: 256 random bits, 43 base64url characters. */
    public static String secret() {
        return base64url(32);
    }

    /**
     * {@code bytes} random bytes as base64url without padding.
     *
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public static String base64url(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return BASE64URL.encodeToString(random);
    }
}

package org.portico.web.app;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates client secrets: 32 random bytes, base64url without padding (43 characters). Thread-safe. */
public final class ClientSecrets {

    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.portico.web.user;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Hashes and verifies passwords with Jakarta Security's {@link Pbkdf2PasswordHash}: PBKDF2 with HMAC-SHA512,
 * 210,000 iterations and a 32-byte random salt (the OWASP recommendation for PBKDF2-HMAC-SHA512).
 * The stored form carries algorithm, iterations and salt, so older hashes keep verifying when these change.
 * Thread-safe.
 */
@ApplicationScoped
public class PasswordHasher {

    static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** Verified against when the username is unknown, so that the answer takes as long as for a known one. */
    private String decoyHash;

    @PostConstruct
    void init() {
        pbkdf2.initialize(PARAMETERS);
        decoyHash = pbkdf2.generate("decoy-password-for-unknown-users".toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String storedHash) {
        return pbkdf2.verify(password.toCharArray(), storedHash);
    }

    /** Spends the time of one verification, for a username that does not exist. */
    public void verifyDecoy(String password) {
        pbkdf2.verify(password.toCharArray(), decoyHash);
    }
}

package org.portico.deeplink.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the stored form of client secrets: HMAC-SHA-256 under a server-side key (portal-web derives it from
 * the master secret), stored as {@code hmac-sha256$<mac>}.
 *
 * <p>Why a fast hash: a slow password hash (PBKDF2, 210,000 iterations) exists to make guessing a low-entropy password
 * from its hash expensive. A generated client secret has 256 random bits: no number of guesses finds it, so the slow
 * hash protected nothing and let any stranger buy tens of milliseconds of CPU per request with a wrong secret. The
 * key is what a plain SHA-256 would lack: a database dump alone does not even let an attacker test a guess, which
 * matters for secrets an admin gave (at least {@value ClientSecret#MIN_SECRET_LENGTH} characters, but not
 * necessarily random), such as the demo app's.
 *
 * <p>Legacy PBKDF2 hashes still verify ({@link Verification#MATCHED_LEGACY}); the caller then stores
 * {@link #hash(String)} of the secret instead, so each app moves to the fast form on its next successful use.
 *
 * <p>Thread-safe and immutable. Comparisons are constant-time.
 */
public final class ClientSecretHasher {

    /** The prefix of the stored form. */
    public static final String PREFIX = "hmac-sha256";

    /** What {@link #verify} found. */
    public enum Verification {
        /** The secret matches a hash in the current form. */
        MATCHED,
        /** The secret matches a legacy PBKDF2 hash: store {@link #hash(String)} of it instead. */
        MATCHED_LEGACY,
        /** The secret does not match. */
        REFUSED;

        /** Whether the secret matched, in either form. */
        public boolean matched() {
            return this != REFUSED;
        }
    }

    private final SecretKeySpec key;

    /**
     * @param key at least 32 bytes of secret key material; copied
     * @throws IllegalArgumentException when the key is shorter
     */
    public ClientSecretHasher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < ClientSecret.BYTES) {
            throw new IllegalArgumentException("the client secret key needs at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
    }

    /** A newly generated secret (256 random bits): show {@link ClientSecret.Generated#secret()} once, store the rest. */
    public ClientSecret.Generated generate() {
        String secret = ClientSecret.randomSecret();
        return new ClientSecret.Generated(secret, hash(secret));
    }

    /**
     * The stored form of a secret.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value ClientSecret#MIN_SECRET_LENGTH}
     *                                  characters
     */
    public ClientSecret hash(String secret) {
        if (secret == null || secret.length() < ClientSecret.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("client secret must be at least " + ClientSecret.MIN_SECRET_LENGTH
                    + " characters");
        }
        return new ClientSecret(PREFIX + "$" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret)));
    }

    /**
     * Checks a presented secret against a stored hash: one HMAC for the current form, one PBKDF2 for a legacy hash.
     * Null counts as wrong.
     */
    public Verification verify(ClientSecret stored, String candidate) {
        Objects.requireNonNull(stored, "stored");
        if (stored.isLegacy()) {
            return stored.matchesLegacy(candidate) ? Verification.MATCHED_LEGACY : Verification.REFUSED;
        }
        byte[] actual = mac(candidate == null ? "" : candidate);
        return MessageDigest.isEqual(stored.mac(), actual) && candidate != null ? Verification.MATCHED
                : Verification.REFUSED;
    }

    /**
     * Spends the time of a check of a current hash and answers false: for unknown client ids, so that the response
     * time does not tell which ids exist.
     */
    public boolean matchesNothing(String candidate) {
        MessageDigest.isEqual(new byte[ClientSecret.BYTES], mac(candidate == null ? "" : candidate));
        return false;
    }

    private byte[] mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}

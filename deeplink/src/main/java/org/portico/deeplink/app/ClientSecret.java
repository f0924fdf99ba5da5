package org.portico.deeplink.app;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.portico.deeplink.random.RandomIds;

/**
 * client_secret_basic / client_secret_post: the app proves itself with a secret that Portico stores only as a hash,
 * in one of two forms (persist {@link #hash()} as it is):
 * <ul>
 *   <li>{@code hmac-sha256$<mac>}: HMAC-SHA-256 under a server-side key derived from the master secret, made and
 *   checked by {@link ClientSecretHasher}. The current form: one HMAC per check.</li>
 *   <li>{@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash base64url, 32 bytes each): the legacy form,
 *   210,000 iterations per check. Still accepted; {@link ClientSecretHasher#verify} tells the caller to rewrite it
 *   in the current form after a successful check.</li>
 * </ul>
 * Portico generates secrets (256 random bits) rather than letting admins choose them, so a leaked hash cannot be
 * guessed back.
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the hash.
 *
 * @param hash the stored hash in one of the forms above
 */
public record ClientSecret(String hash) implements ClientAuthentication {

    /** Iterations for new hashes; high, because a hash may end up in a backup that leaks. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    /** The lowest iteration count accepted (tests and benchmarks use it). */
    public static final int MIN_ITERATIONS = 10_000;

    /** The shortest secret accepted: 32 characters (a generated secret has 43). */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String PREFIX = "pbkdf2-sha256";
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException when {@code hash} is not in the stored form */
    public ClientSecret {
        Objects.requireNonNull(hash, "hash");
        check(hash);
    }

    /** 256 random bits, base64url: 43 characters. */
    static String randomSecret() {
        return RandomIds.secret();
    }

    /** Whether the hash is in the legacy PBKDF2 form, to be rewritten after the next successful check. */
    public boolean isLegacy() {
        return hash.startsWith(PREFIX + "$");
    }

    /**
     * Hashes a secret in the legacy PBKDF2 form: only for tests of the migration and for data made by older
     * versions. New hashes come from {@link ClientSecretHasher#hash}.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_LENGTH} characters or the
     *                                  iteration count is below {@value #MIN_ITERATIONS}
     */
    public static ClientSecret hashOf(String secret, int iterations) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("client secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
        }
        byte[] salt = new byte[BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new ClientSecret(PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(secret, salt, iterations)));
    }

    /**
     * Whether {@code candidate} is the secret of a legacy hash; constant time for a given hash, false for null.
     *
     * @throws IllegalStateException for a hash in the current form (check those with {@link ClientSecretHasher})
     */
    boolean matchesLegacy(String candidate) {
        if (!isLegacy()) {
            throw new IllegalStateException("not a legacy PBKDF2 hash");
        }
        String[] parts = parts(hash);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = pbkdf2(candidate == null ? "" : candidate, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && candidate != null;
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("client_secret_basic", "client_secret_post");
    }

    @Override
    public String toString() {
        return "ClientSecret[" + (isLegacy() ? PREFIX : ClientSecretHasher.PREFIX) + "]";
    }

    /** The MAC of a hash in the current form. */
    byte[] mac() {
        return Base64.getUrlDecoder().decode(hash.substring(ClientSecretHasher.PREFIX.length() + 1));
    }

    private static void check(String hash) {
        if (hash.startsWith(ClientSecretHasher.PREFIX + "$")) {
            try {
                if (Base64.getUrlDecoder().decode(hash.substring(ClientSecretHasher.PREFIX.length() + 1)).length
                        == BYTES) {
                    return;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new IllegalArgumentException("stored client secret hash is not in the form hmac-sha256$<mac>"
                    + " (32 bytes, base64url)");
        }
        parts(hash);
    }

    private static String[] parts(String hash) {
        String[] parts = hash.split("\\$", -1);
        String problem = null;
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            problem = "is not in the form hmac-sha256$<mac> or pbkdf2-sha256$<iterations>$<salt>$<hash>";
        } else {
            try {
                if (Integer.parseInt(parts[1]) < MIN_ITERATIONS) {
                    problem = "has fewer than " + MIN_ITERATIONS + " iterations";
                } else if (Base64.getUrlDecoder().decode(parts[2]).length < 16
                        || Base64.getUrlDecoder().decode(parts[3]).length != BYTES) {
                    problem = "has a salt or hash of the wrong length";
                }
            } catch (IllegalArgumentException e) {
                problem = "is not in the form pbkdf2-sha256$<iterations>$<salt>$<hash>";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("stored client secret hash " + problem);
        }
        return parts;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * A freshly generated secret and its stored form.
     *
     * @param secret the plain secret, shown once and never stored
     * @param stored what to store
     */
    public record Generated(String secret, ClientSecret stored) {

        @Override
        public String toString() {
            return "Generated[secret=***, stored=" + stored + "]";
        }
    }
}

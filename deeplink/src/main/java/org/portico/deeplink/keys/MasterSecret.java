package org.portico.deeplink.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret from configuration (WildFly credential store or environment) that the private signing keys are encrypted
 * with. It is checked once, at start-up: at least {@value #MIN_LENGTH} characters and about 128 bits of estimated
 * entropy, so {@code changeit} or a word repeated fails with a message saying how to make a good one.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret, and no message of this package does.
 */
public final class MasterSecret {

    /** Shortest accepted secret, in characters. */
    public static final int MIN_LENGTH = 32;

    /** Lowest accepted entropy estimate (character frequencies × length), in bits. */
    public static final double MIN_ENTROPY_BITS = 128;

    private static final String HOW = "use at least " + MIN_LENGTH + " random characters, e.g. the output of"
            + " 'openssl rand -base64 32'";

    private final byte[] bytes;

    private MasterSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Checks and wraps the configured secret.
     *
     * @param secret   the secret text; not kept as a String
     * @param property where it came from, for the message (e.g. {@code portico.keys.master-secret})
     * @throws KeySetupException when it is missing, too short or too predictable; the message never shows it
     */
    public static MasterSecret of(char[] secret, String property) {
        if (secret == null || secret.length == 0 || new String(secret).isBlank()) {
            throw new KeySetupException(property + " is not set: Portico needs a master secret to encrypt its signing"
                    + " keys; " + HOW);
        }
        if (secret.length < MIN_LENGTH) {
            throw new KeySetupException(property + " is too short (" + secret.length + " characters): " + HOW);
        }
        double bits = entropyBits(secret);
        if (bits < MIN_ENTROPY_BITS) {
            throw new KeySetupException(property + " is too predictable (about " + Math.round(bits)
                    + " bits of entropy, at least " + Math.round(MIN_ENTROPY_BITS) + " needed): " + HOW);
        }
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return new MasterSecret(bytes);
    }

    /** Shannon entropy of the character frequencies, times the length: a rough upper bound, enough to stop mistakes. */
    static double entropyBits(char[] secret) {
        Map<Character, Integer> counts = new HashMap<>();
        for (char c : secret) {
            counts.merge(c, 1, Integer::sum);
        }
        double perChar = 0;
        for (int n : counts.values()) {
            double p = (double) n / secret.length;
            perChar -= p * Math.log(p) / Math.log(2);
        }
        return perChar * secret.length;
    }

    /**
     * A 32-byte key for one purpose, derived with HKDF-SHA256 (RFC 5869; fixed salt, {@code purpose} as info), so keys
     * of different purposes are independent and none reveals the master secret. The same secret and purpose always
     * give the same key.
     *
     * @param purpose names the use, with a version, e.g. {@code "portico client secret hash v1"}
     */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("portico master secret derivation".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] prk = mac.doFinal(bytes);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The secret as key material for the key derivation; a copy. */
    byte[] keyMaterial() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "MasterSecret[***]";
    }
}

package org.portico.deeplink.keys;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

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

    private static final byte[] DERIVATION_SALT = "portico master secret derivation".getBytes(StandardCharsets.UTF_8);

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
        return derive(DERIVATION_SALT, purpose.getBytes(StandardCharsets.UTF_8), 32);
    }

    /**
     * HKDF-SHA256 (RFC 5869) with this secret as input key material: Bouncy Castle's {@link HKDFBytesGenerator}, used
     * directly (no JCA provider is registered).
     *
     * @param salt   the extract step's salt
     * @param info   the expand step's context and purpose (domain separation)
     * @param length output bytes, at most 255 × 32
     */
    byte[] derive(byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(bytes, salt, info));
        byte[] okm = new byte[length];
        hkdf.generateBytes(okm, 0, length);
        return okm;
    }

    @Override
    public String toString() {
        return "MasterSecret[***]";
    }
}

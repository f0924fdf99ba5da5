package org.portico.deeplink.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest: AES-256-GCM under a key derived by HKDF-SHA256 (RFC 5869, Bouncy Castle's, see
 * {@link MasterSecret#derive}) from the master secret and a random per-record salt, with {@code v1|kid|alg} as associated data, so a sealed key cannot be moved to another
 * record or relabelled. A short check value derived from the same salt tells "wrong master secret" apart from
 * "this record was altered" (it reveals no more about the secret than the GCM tag already does).
 *
 * <p>Sealed form: {@code v1.<salt>.<check>.<iv>.<ciphertext+tag>}, each part base64url. Thread-safe.
 */
final class KeyCipher {

    private static final String VERSION = "v1";
    private static final byte[] INFO_KEY = "portico signing key encryption v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO_CHECK = "portico master secret check v1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int CHECK_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The master secret does not match the one the record was sealed with. */
    static final class WrongSecretException extends Exception {
        private static final long serialVersionUID = 1L;

        WrongSecretException() {
            super(null, null, false, false);
        }
    }

    private final MasterSecret secret;

    KeyCipher(MasterSecret secret) {
        this.secret = secret;
    }

    String seal(String kid, SigningAlgorithm algorithm, byte[] plaintext) {
        return seal(INFO_KEY, aad(kid, algorithm), plaintext);
    }

    /**
     * Seals another kind of secret: {@code info} keeps its encryption keys apart from those of signing keys (HKDF
     * domain separation), {@code aad} ties the sealed value to its record.
     */
    String seal(byte[] info, byte[] aad, byte[] plaintext) {
        byte[] salt = random(SALT_BYTES);
        byte[] iv = random(IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret.derive(salt, info, 32), "AES"),
                    new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return String.join(".", VERSION, b64.encodeToString(salt),
                    b64.encodeToString(secret.derive(salt, INFO_CHECK, CHECK_BYTES)), b64.encodeToString(iv),
                    b64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new KeySetupException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /**
     * @throws WrongSecretException when the record was sealed under another master secret
     * @throws KeySetupException    when the record is not in the sealed form or was altered
     */
    byte[] open(String kid, SigningAlgorithm algorithm, String sealedText) throws WrongSecretException {
        try {
            return open(INFO_KEY, aad(kid, algorithm), sealedText);
        } catch (TamperedException e) {
            throw tampered(kid, e.getCause() instanceof Exception cause ? cause : null);
        }
    }

    /** The record was altered or damaged (not a wrong master secret). */
    static final class TamperedException extends Exception {
        private static final long serialVersionUID = 1L;

        TamperedException(Exception cause) {
            super(null, cause, false, false);
        }
    }

    /**
     * Opens what {@link #seal(byte[], byte[], byte[])} sealed with the same {@code info} and {@code aad}.
     *
     * @throws WrongSecretException when it was sealed under another master secret
     * @throws TamperedException    when it is not in the sealed form or was altered
     */
    byte[] open(byte[] info, byte[] aad, String sealedText) throws WrongSecretException, TamperedException {
        String[] parts = sealedText.split("\\.", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION)) {
            throw new TamperedException(null);
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] salt = b64.decode(parts[1]);
            byte[] check = b64.decode(parts[2]);
            byte[] iv = b64.decode(parts[3]);
            byte[] sealed = b64.decode(parts[4]);
            if (!MessageDigest.isEqual(check, secret.derive(salt, INFO_CHECK, CHECK_BYTES))) {
                throw new WrongSecretException();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret.derive(salt, info, 32), "AES"),
                    new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new TamperedException(e);
        } catch (GeneralSecurityException e) {
            throw new KeySetupException("AES-256-GCM is not available in this JVM", e);
        }
    }

    private static KeySetupException tampered(String kid, Exception cause) {
        // The cause says only "Tag mismatch" or "Illegal base64 character": nothing secret.
        return new KeySetupException("stored signing key '" + kid + "' failed its integrity check: the record was"
                + " altered or damaged; restore it from a backup or delete it", cause);
    }

    private static byte[] aad(String kid, SigningAlgorithm algorithm) {
        return (VERSION + "|" + kid + "|" + algorithm.jwsAlgorithm().getName()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

package org.portico.deeplink.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Seals secrets other than signing keys that Portico must be able to read back (not merely compare), such as the
 * shared secret an app signs inbound links with (HS256): AES-256-GCM under the master secret, exactly like the
 * private signing keys, but with keys of their own (HKDF domain separation) and the secret's purpose and owner as
 * associated data, so a sealed value cannot be moved to another app or used for another purpose.
 *
 * <p>Sealed form: {@code v1.<salt>.<check>.<iv>.<ciphertext+tag>} (base64url parts), at most about 150 characters for
 * a 32-byte secret. Immutable and thread-safe. No message of this class shows a secret.
 */
public final class SecretSealer {

    private static final byte[] INFO = "portico sealed secret v1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9:._-]{0,199}");

    private final KeyCipher cipher;

    public SecretSealer(MasterSecret secret) {
        this.cipher = new KeyCipher(Objects.requireNonNull(secret, "secret"));
    }

    /**
     * Seals {@code secret} for one purpose and owner.
     *
     * @param label what the secret is and whose, e.g. {@code inbound-link:billing}: 1 to 200 characters of
     *              {@code a-z 0-9 : . _ -}
     * @throws IllegalArgumentException when the label is not of that form
     */
    public String seal(String label, byte[] secret) {
        return cipher.seal(INFO, aad(label), Objects.requireNonNull(secret, "secret"));
    }

    /**
     * Opens a value sealed with the same label.
     *
     * @throws KeySetupException when it was sealed under another master secret, altered, damaged or sealed with
     *                           another label
     */
    public byte[] open(String label, String sealed) {
        try {
            return cipher.open(INFO, aad(label), Objects.requireNonNull(sealed, "sealed"));
        } catch (KeyCipher.WrongSecretException e) {
            throw new KeySetupException("sealed secret '" + label + "' was sealed under another master secret:"
                    + " configure the one it was created with, or generate a new secret");
        } catch (KeyCipher.TamperedException e) {
            throw new KeySetupException("sealed secret '" + label + "' failed its integrity check: it was altered,"
                    + " damaged or belongs to something else; generate a new one");
        }
    }

    private static byte[] aad(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label must be 1 to 200 characters of a-z 0-9 : . _ -, e.g."
                    + " 'inbound-link:billing'");
        }
        return ("v1|secret|" + label).getBytes(StandardCharsets.UTF_8);
    }
}

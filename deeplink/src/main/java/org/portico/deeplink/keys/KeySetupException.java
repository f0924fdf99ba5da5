package org.portico.deeplink.keys;

/**
 * Portico's key setup is broken: invalid key configuration, a master secret that is missing, too weak or does not
 * match the stored keys, or a stored key that fails its integrity check.
 *
 * <p>"Setup broken" family: it stops start-up (or an admin action) with a message that says what to fix. It never
 * means a user's input was bad, and its message never contains secret or key material.
 */
public sealed class KeySetupException extends IllegalStateException permits MasterSecretMismatchException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what a valid setup looks like */
    public KeySetupException(String message) {
        super(message);
    }

    /** @param message what is wrong; {@code cause} must not carry secrets either */
    public KeySetupException(String message, Throwable cause) {
        super(message, cause);
    }
}

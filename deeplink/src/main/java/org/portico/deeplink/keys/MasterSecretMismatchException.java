package org.portico.deeplink.keys;

/**
 * The configured master secret is not the one the stored signing keys were encrypted with. Start-up must stop: going
 * on would either lose every key (tokens in flight fail) or hide a misconfiguration across the cluster.
 */
public final class MasterSecretMismatchException extends KeySetupException {

    private static final long serialVersionUID = 1L;

    MasterSecretMismatchException(int storedKeys) {
        super("the master secret does not match the stored signing keys (" + storedKeys + " stored key(s) could not"
                + " be decrypted): configure the master secret they were created with (portico.keys.master-secret,"
                + " the same on every node), or remove the stored keys to generate new ones, which invalidates every"
                + " token issued so far");
    }
}

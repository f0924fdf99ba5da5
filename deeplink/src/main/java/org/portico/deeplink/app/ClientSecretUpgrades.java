package org.portico.deeplink.app;

/**
 * SPI: stores the current form of a client secret's hash in place of its legacy PBKDF2 hash, after the secret was
 * presented and verified (see {@link ClientSecretHasher}). portal-web implements it on its database.
 *
 * <p>Implementations must be thread-safe and must replace the hash only while it is still {@code legacy} (a
 * conditional update), so a secret regenerated in the meantime is never overwritten. A failure to store is not the
 * client's problem: implementations log it and return; the app then moves on its next use.
 */
@FunctionalInterface
public interface ClientSecretUpgrades {

    /**
     * @param clientId the app's id
     * @param legacy   the hash that was verified
     * @param current  the same secret's hash in the current form
     */
    void upgrade(String clientId, ClientSecret legacy, ClientSecret current);
}

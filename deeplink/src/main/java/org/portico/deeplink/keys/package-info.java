/**
 * Signing keys: {@link org.portico.deeplink.keys.SigningKeys} generates (ES256, RS256, EdDSA), encrypts at rest under
 * the {@link org.portico.deeplink.keys.MasterSecret} (AES-256-GCM, HKDF-SHA256 per record), rotates and publishes
 * them; {@link org.portico.deeplink.keys.KeyRepository} is the persistence SPI. Setup problems are
 * {@link org.portico.deeplink.keys.KeySetupException}s.
 */
package org.portico.deeplink.keys;

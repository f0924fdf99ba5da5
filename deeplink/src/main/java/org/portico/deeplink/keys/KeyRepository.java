package org.portico.deeplink.keys;

import java.util.List;

/**
 * SPI: where signing keys are persisted. portal-web stores them in its database (one row per {@link KeyRecord},
 * keyed by {@code kid}), shared by all nodes.
 *
 * <p>Implementations must be thread-safe. Records hold the private key only encrypted, but they are still sensitive:
 * don't log {@link KeyRecord#sealedPrivateKey()}. Failures of the store are thrown as unchecked exceptions of the
 * implementation's choosing; {@link SigningKeys} lets them through.
 */
public interface KeyRepository {

    /** Every stored key, in any order. */
    List<KeyRecord> list();

    /** Inserts the record, or replaces the one with the same {@code kid}. */
    void save(KeyRecord key);

    /** Removes the record with this {@code kid}; nothing happens when there is none. */
    void delete(String kid);
}

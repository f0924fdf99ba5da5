package org.portico.deeplink.keys;

/** Where a signing key is in its life: {@code ACTIVE} → {@code RETIRED} → removed. */
public enum KeyState {
    /** Signs new tokens and verifies. Exactly one key is active at a time. */
    ACTIVE,
    /** Verifies only, until every token it could have signed has expired; then it is removed. */
    RETIRED
}

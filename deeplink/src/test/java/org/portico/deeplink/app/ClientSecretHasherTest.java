package org.portico.deeplink.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.ClientSecretHasher.Verification;
import org.portico.deeplink.testing.TokenWorld;

class ClientSecretHasherTest {

    private static final String SECRET = "a-given-secret-of-enough-length-0123456789";
    private final ClientSecretHasher hasher = TokenWorld.SECRETS;

    @Test
    void aSecretIsStoredAsAKeyedMacThatOnlyTheSameKeyVerifies() {
        ClientSecret stored = hasher.hash(SECRET);
        ClientSecretHasher otherKey = new ClientSecretHasher(TokenWorld.secret().deriveKey("another purpose"));
        assertAll(
                () -> assertTrue(stored.hash().matches("hmac-sha256\\$[A-Za-z0-9_-]{43}"), stored.hash()),
                () -> assertFalse(stored.isLegacy()),
                () -> assertEquals(stored, hasher.hash(SECRET), "deterministic: no salt needed for random secrets"),
                () -> assertEquals(Verification.MATCHED, hasher.verify(stored, SECRET)),
                () -> assertEquals(Verification.REFUSED, hasher.verify(stored, SECRET + "x")),
                () -> assertEquals(Verification.REFUSED, hasher.verify(stored, "")),
                () -> assertEquals(Verification.REFUSED, hasher.verify(stored, null)),
                () -> assertEquals(Verification.REFUSED, otherKey.verify(stored, SECRET),
                        "a database dump without the master secret cannot test guesses"),
                () -> assertFalse(hasher.matchesNothing(SECRET)));
    }

    @Test
    void aLegacyPbkdf2HashStillVerifiesAndAsksForTheUpgrade() {
        ClientSecret legacy = ClientSecret.hashOf(SECRET, ClientSecret.MIN_ITERATIONS);
        assertAll(
                () -> assertTrue(legacy.isLegacy()),
                () -> assertEquals(Verification.MATCHED_LEGACY, hasher.verify(legacy, SECRET)),
                () -> assertEquals(Verification.REFUSED, hasher.verify(legacy, SECRET + "x")),
                () -> assertEquals(Verification.REFUSED, hasher.verify(legacy, null)));
    }

    @Test
    void theMasterSecretDerivesOneStableKeyPerPurpose() {
        byte[] key = TokenWorld.secret().deriveKey("portico client secret hash v1");
        assertAll(
                () -> assertEquals(32, key.length),
                () -> assertTrue(Arrays.equals(key, TokenWorld.secret().deriveKey("portico client secret hash v1"))),
                () -> assertFalse(Arrays.equals(key, TokenWorld.secret().deriveKey("portico client secret hash v2"))));
    }

    @Test
    void malformedHashesShortSecretsAndShortKeysAreRefused() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new ClientSecret("hmac-sha256$tooshort")),
                () -> assertThrows(IllegalArgumentException.class, () -> new ClientSecret("hmac-sha256$")),
                () -> assertThrows(IllegalArgumentException.class, () -> new ClientSecret("sha1$abc")),
                () -> assertThrows(IllegalArgumentException.class, () -> hasher.hash("short")),
                () -> assertThrows(IllegalArgumentException.class, () -> new ClientSecretHasher(new byte[16])),
                () -> assertNotEquals(hasher.hash(SECRET), hasher.hash(SECRET + "!")));
    }
}

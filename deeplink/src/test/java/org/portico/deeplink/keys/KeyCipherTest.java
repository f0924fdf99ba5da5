package org.portico.deeplink.keys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Records sealed under the master secret stay readable across changes of the code that seals them: the fixtures in
 * {@code sealed-2026-12.properties} were sealed by the KeyCipher of 2026-12-06 (hand-written HKDF) and must open with
 * every later one, as the signing keys, inbound-link secrets and client secret hashes in existing databases must.
 */
class KeyCipherTest {

    private static final MasterSecret SECRET =
            MasterSecret.of("fixture-Xq8v2LrT9zKpW4mNc7JfHs3Gd6YbQa1E5uRtVkZo".toCharArray(), "fixture");
    private static final Properties SEALED = fixtures();

    private static Properties fixtures() {
        try (InputStream in = KeyCipherTest.class.getResourceAsStream("sealed-2026-12.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String key) {
        return SEALED.getProperty(key).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSigningKeySealedBeforeStillOpens() throws Exception {
        byte[] opened = new KeyCipher(SECRET).open(SEALED.getProperty("signing.kid"),
                SigningAlgorithm.valueOf(SEALED.getProperty("signing.alg")), SEALED.getProperty("signing.sealed"));
        assertArrayEquals(utf8("signing.plaintext"), opened);
    }

    @Test
    void aSecretSealedBeforeStillOpens() {
        byte[] opened = new SecretSealer(SECRET).open(SEALED.getProperty("sealer.label"),
                SEALED.getProperty("sealer.sealed"));
        assertArrayEquals(utf8("sealer.plaintext"), opened);
    }

    @Test
    void aKeyDerivedBeforeIsDerivedAlike() {
        assertEquals(SEALED.getProperty("derived.hex"),
                HexFormat.of().formatHex(SECRET.deriveKey(SEALED.getProperty("derived.purpose"))));
    }

    @Test
    void aRecordSealedBeforeStillTellsAWrongSecretFromATamperedRecord() {
        KeyCipher other = new KeyCipher(MasterSecret.of(
                "another-Xq8v2LrT9zKpW4mNc7JfHs3Gd6YbQa1E5uRtVkZo".toCharArray(), "fixture"));
        String sealed = SEALED.getProperty("signing.sealed");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BA" : "AA");
        assertAll(
                () -> assertThrows(KeyCipher.WrongSecretException.class, () -> other.open(
                        SEALED.getProperty("signing.kid"), SigningAlgorithm.ES256, sealed)),
                () -> assertThrows(KeySetupException.class, () -> new KeyCipher(SECRET).open(
                        SEALED.getProperty("signing.kid"), SigningAlgorithm.ES256, tampered)),
                () -> assertThrows(KeySetupException.class, () -> new KeyCipher(SECRET).open(
                        "another-kid", SigningAlgorithm.ES256, sealed), "the record's label is bound to it"));
    }

    @Test
    void whatIsSealedNowOpens() throws Exception {
        KeyCipher cipher = new KeyCipher(SECRET);
        byte[] plaintext = "a fresh private key".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(plaintext, cipher.open("kid-new", SigningAlgorithm.ES256,
                cipher.seal("kid-new", SigningAlgorithm.ES256, plaintext)));
    }
}

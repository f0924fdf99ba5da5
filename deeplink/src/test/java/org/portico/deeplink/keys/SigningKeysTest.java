package org.portico.deeplink.keys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portico.deeplink.testing.InMemoryKeyRepository;
import org.portico.deeplink.testing.MutableClock;
import org.portico.deeplink.testing.TokenWorld;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

class SigningKeysTest {

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final InMemoryKeyRepository repository = new InMemoryKeyRepository();
    private final SigningKeysConfig config = SigningKeysConfig.defaults();

    private SigningKeys open(SigningKeysConfig config) {
        return SigningKeys.open(repository, TokenWorld.secret(), config, clock);
    }

    @Test
    void generatesOneEs256KeyOnFirstStartAndReusesItOnTheNext() {
        SigningKeys first = open(config);
        SigningKeys second = open(config);
        assertAll(
                () -> assertEquals(1, repository.records.size()),
                () -> assertEquals(first.activeKeyId(), second.activeKeyId()),
                () -> assertEquals(SigningAlgorithm.ES256, first.keys().get(0).algorithm()),
                () -> assertEquals(first.activeKeyId(), first.publicJwkSet().getKeys().get(0).computeThumbprint().toString()));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void jwksNeverContainsPrivateMembers(SigningAlgorithm algorithm) {
        SigningKeys keys = open(config.withAlgorithm(algorithm));
        keys.rotate();
        JWKSet set = keys.publicJwkSet();
        Map<String, Object> json = set.toJSONObject(false);
        assertAll(
                () -> assertEquals(2, set.getKeys().size()),
                () -> assertTrue(set.getKeys().stream().noneMatch(JWK::isPrivate)),
                () -> assertTrue(set.getKeys().stream().allMatch(k -> k.getAlgorithm().equals(algorithm.jwsAlgorithm()))),
                () -> {
                    for (Object key : (List<?>) json.get("keys")) {
                        for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                            assertFalse(((Map<?, ?>) key).containsKey(member), member + " in JWKS");
                        }
                    }
                });
    }

    @Test
    void retiredKeyLeavesJwksAndRepositoryOnlyAfterEveryTokenItSignedHasExpired() {
        SigningKeys keys = open(config);
        String old = keys.activeKeyId();
        keys.rotate();
        Duration grace = config.maxTokenLifetime().plus(config.clockSkew());

        clock.advance(grace.minusSeconds(1));
        assertTrue(keys.findVerificationKey(old).isPresent());
        assertEquals(2, keys.publicJwkSet().getKeys().size());

        clock.advance(Duration.ofSeconds(1));
        assertAll(
                () -> assertTrue(keys.findVerificationKey(old).isEmpty()),
                () -> assertEquals(List.of(keys.activeKeyId()),
                        keys.publicJwkSet().getKeys().stream().map(JWK::getKeyID).toList()));
        keys.rotateIfDue();
        assertFalse(repository.records.containsKey(old));
    }

    @Test
    void rotateIfDueWaitsForTheRotationPeriod() {
        SigningKeys keys = open(config.withRotationPeriod(Duration.ofDays(30)));
        String first = keys.activeKeyId();
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertFalse(keys.rotateIfDue());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(keys.rotateIfDue());
        assertAll(
                () -> assertNotEquals(first, keys.activeKeyId()),
                () -> assertEquals(KeyState.RETIRED, repository.records.get(first).state()),
                () -> assertEquals(clock.instant(), repository.records.get(first).retiredAt()));
    }

    @Test
    void changingTheConfiguredAlgorithmRotatesAtTheNextScheduledCheck() {
        open(config);
        SigningKeys keys = open(config.withAlgorithm(SigningAlgorithm.EDDSA));
        assertTrue(keys.rotateIfDue());
        assertEquals(SigningAlgorithm.EDDSA, keys.findVerificationKey(keys.activeKeyId()).orElseThrow().algorithm());
    }

    @Test
    void anotherNodesRotationIsPickedUpWhenItsKidIsFirstSeen() {
        SigningKeys nodeA = open(config);
        SigningKeys nodeB = open(config);
        clock.advance(SigningKeys.RELOAD_INTERVAL);
        String fresh = nodeA.rotate();
        assertTrue(nodeB.findVerificationKey(fresh).isPresent());
    }

    // ---- encryption at rest ---------------------------------------------------------------------------------------

    @Test
    void privateKeysAreStoredEncryptedAndComeBackIntact() throws Exception {
        SigningKeys keys = open(config);
        KeyRecord stored = repository.records.get(keys.activeKeyId());
        String privateD = ((Map<?, ?>) JWK.parse(stored.publicJwk()).toJSONObject()).containsKey("d") ? "?" : null;
        assertAll(
                () -> assertEquals(null, privateD, "public JWK column holds no private part"),
                () -> assertFalse(stored.sealedPrivateKey().contains("\"d\"")),
                () -> assertTrue(stored.sealedPrivateKey().startsWith("v1.")),
                () -> assertEquals(keys.activeKeyId(), open(config).activeKeyId()));
    }

    @Test
    void wrongMasterSecretStopsStartUpWithAClearMessage() {
        open(config);
        MasterSecret other = MasterSecret.of("N0tTheSameSecretAtAll-7hG2kLp9QwErTyUiOp".toCharArray(), "p");
        MasterSecretMismatchException e = assertThrows(MasterSecretMismatchException.class,
                () -> SigningKeys.open(repository, other, config, clock));
        assertAll(
                () -> assertTrue(e.getMessage().contains("master secret does not match the stored signing keys")),
                () -> assertFalse(e.getMessage().contains("N0tTheSame")));
    }

    @Test
    void tamperedCiphertextIsRejectedAsDamagedNotAsWrongSecret() {
        SigningKeys keys = open(config);
        KeyRecord stored = repository.records.get(keys.activeKeyId());
        String sealed = stored.sealedPrivateKey();
        char last = sealed.charAt(sealed.length() - 5);
        String altered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 4);
        repository.save(new KeyRecord(stored.kid(), stored.algorithm(), stored.state(), stored.createdAt(), null,
                stored.publicJwk(), altered));
        KeySetupException e = assertThrows(KeySetupException.class, () -> open(config));
        assertAll(
                () -> assertFalse(e instanceof MasterSecretMismatchException),
                () -> assertTrue(e.getMessage().contains("failed its integrity check")));
    }

    @Test
    void sealedKeyCannotBeMovedToAnotherKeyId() {
        SigningKeys keys = open(config);
        KeyRecord stored = repository.records.get(keys.activeKeyId());
        repository.records.clear();
        repository.save(new KeyRecord("other-kid", stored.algorithm(), stored.state(), stored.createdAt(), null,
                stored.publicJwk(), stored.sealedPrivateKey()));
        assertThrows(KeySetupException.class, () -> open(config));
    }

    // ---- configuration checked at start-up ------------------------------------------------------------------------

    @Test
    void weakMasterSecretsAreRefusedWithAdviceAndWithoutEchoingThem() {
        KeySetupException missing = assertThrows(KeySetupException.class, () -> MasterSecret.of(new char[0], "P"));
        KeySetupException shortOne = assertThrows(KeySetupException.class,
                () -> MasterSecret.of("changeit".toCharArray(), "P"));
        KeySetupException repetitive = assertThrows(KeySetupException.class,
                () -> MasterSecret.of("abababababababababababababababababababab".toCharArray(), "P"));
        assertAll(
                () -> assertTrue(missing.getMessage().startsWith("P is not set")),
                () -> assertTrue(shortOne.getMessage().contains("openssl rand -base64 32")),
                () -> assertFalse(shortOne.getMessage().contains("changeit")),
                () -> assertTrue(repetitive.getMessage().contains("too predictable")),
                () -> assertEquals("MasterSecret[***]", TokenWorld.secret().toString()));
    }

    @Test
    void configurationOutOfRangeNamesThePropertyAndAValidValue() {
        KeySetupException e = assertThrows(KeySetupException.class,
                () -> config.withRotationPeriod(Duration.ofMinutes(5)));
        assertAll(
                () -> assertTrue(e.getMessage().contains("portico.keys.rotation-period must be between PT1H and P365D")),
                () -> assertEquals(SigningAlgorithm.EDDSA, SigningAlgorithm.parse("EdDSA")),
                () -> assertTrue(assertThrows(KeySetupException.class, () -> SigningAlgorithm.parse("HS256"))
                        .getMessage().contains("ES256, RS256, EdDSA")));
    }
}

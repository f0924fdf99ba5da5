package org.portico.web.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyRepository;
import org.portico.deeplink.keys.MasterSecret;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.keys.SigningKeysConfig;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes starting at once on an empty database make one signing key, not two: the node that takes the lease makes
 * it, the other waits for it ({@link KeysProducer#awaitFirstKey}). The shared database is a map here.
 */
class FirstSigningKeyTest {

    private static final SigningKeysConfig CONFIG = new SigningKeysConfig(SigningAlgorithm.ES256, 2048,
            Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(30));

    /** The table both nodes share. */
    private final KeyRepository shared = new KeyRepository() {
        private final Map<String, KeyRecord> rows = new ConcurrentHashMap<>();

        @Override
        public List<KeyRecord> list() {
            return List.copyOf(rows.values());
        }

        @Override
        public void save(KeyRecord key) {
            rows.put(key.kid(), key);
        }

        @Override
        public void delete(String kid) {
            rows.remove(kid);
        }
    };

    private static MasterSecret secret() {
        return MasterSecret.of("first-key-test-0123456789abcdefghijklmnop".toCharArray(), "test");
    }

    @Test
    void theNodeWithoutTheLeaseWaitsForTheOthersKeyAndMakesNone() throws Exception {
        CompletableFuture<SigningKeys> leader = CompletableFuture.supplyAsync(() -> {
            sleep(300); // the leader is slower to get there: the other must wait, not make its own
            return SigningKeys.open(shared, secret(), CONFIG, Clock.systemUTC());
        });
        long start = System.nanoTime();
        boolean led = KeysProducer.awaitFirstKey(shared, () -> false, Duration.ofSeconds(10));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        SigningKeys follower = SigningKeys.open(shared, secret(), CONFIG, Clock.systemUTC());

        assertAll(
                () -> assertFalse(led),
                () -> assertTrue(waitedMillis >= 250 && waitedMillis < 10_000, "waited " + waitedMillis + " ms"),
                () -> assertEquals(1, shared.list().size(), "one key for the cluster"),
                () -> assertEquals(leader.get().activeKeyId(), follower.activeKeyId()));
    }

    @Test
    void theNodeWithTheLeaseGoesOnAtOnceAndANodeFindingAKeyNeedsNoLease() {
        boolean led = KeysProducer.awaitFirstKey(shared, () -> true, Duration.ofSeconds(10));
        SigningKeys.open(shared, secret(), CONFIG, Clock.systemUTC());
        boolean[] askedForLease = {false};
        boolean withKey = KeysProducer.awaitFirstKey(shared, () -> askedForLease[0] = true, Duration.ofSeconds(10));

        assertAll(
                () -> assertTrue(led),
                () -> assertTrue(withKey),
                () -> assertFalse(askedForLease[0], "a key is there: no lease asked for"));
    }

    @Test
    void aNodeWhoseLeaderDiedMakesTheKeyAfterWaiting() {
        boolean led = KeysProducer.awaitFirstKey(shared, () -> false, Duration.ofMillis(300));
        SigningKeys.open(shared, secret(), CONFIG, Clock.systemUTC());

        assertAll(
                () -> assertFalse(led),
                () -> assertEquals(1, shared.list().size(), "made by this node after the wait"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.portico.web.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.keys.KeyRepository;
import org.portico.deeplink.keys.KeySetupException;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.keys.KeyState;
import org.portico.deeplink.keys.MasterSecret;
import org.portico.web.cms.PreviewLinks;
import org.portico.deeplink.keys.SecretSealer;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.keys.SigningKeysConfig;
import org.portico.web.cluster.Leases;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.keys.JpaKeyRepository;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.database.DatabaseMigrations;
import org.portico.web.settings.Settings;

/**
 * Opens Portico's signing keys at start-up (generating the first key on an empty database) and rotates them on
 * schedule. A missing, weak or wrong master secret fails the deployment with a message that says what to set;
 * the secret itself is never logged.
 * <p>
 * Configuration (MicroProfile Config: system property or environment variable such as
 * {@code PORTICO_KEYS_MASTER_SECRET}):
 * <ul>
 * <li>{@code portico.keys.master-secret}, or {@code portico.keys.master-secret-file} naming a file that holds it
 * (the run command generates one in the data directory)</li>
 * <li>{@code portico.keys.algorithm}: ES256 (default), RS256 or EdDSA; {@code portico.keys.rsa-key-size} (2048)</li>
 * <li>{@code portico.keys.rotation-period}: ISO-8601, default P30D; {@code portico.tokens.clock-skew}: default PT30S</li>
 * <li>{@code portico.issuer}: the public base URL tokens name as {@code iss}, default http://localhost:8080</li>
 * </ul>
 * <p>
 * Cluster: the keys live in the shared database. Every change of them bumps the {@link Topics#SIGNING_KEYS} marker,
 * and each node reloads them when it sees that ({@link #reload}), so within a second of a rotation on any node every
 * node publishes the new key and signs with it. The rotation check runs on one node at a time (the lease
 * {@value #ROTATION_LEASE}): two nodes rotating at once would make two keys. The first key of an empty database is
 * made by the node that takes the lease {@value #FIRST_KEY_LEASE}; a node starting at the same moment waits for it.
 */
@ApplicationScoped
public class KeysProducer {

    private static final Logger LOG = Logger.getLogger(KeysProducer.class.getName());
    private static final Duration ROTATION_CHECK = Duration.ofHours(1);
    static final String ROTATION_LEASE = "key-rotation";
    static final String FIRST_KEY_LEASE = "first-signing-key";
    /** How long a node waits for another to make the first key before it makes one itself. */
    private static final Duration FIRST_KEY_WAIT = Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = "portico.keys.master-secret")
    Optional<String> masterSecret;

    @Inject
    @ConfigProperty(name = "portico.keys.master-secret-file")
    Optional<String> masterSecretFile;

    @Inject
    @ConfigProperty(name = "portico.keys.algorithm", defaultValue = "ES256")
    String algorithm;

    @Inject
    @ConfigProperty(name = "portico.keys.rsa-key-size", defaultValue = "2048")
    int rsaKeySize;

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "portico.issuer", defaultValue = "http://localhost:8080")
    String issuer;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Leases leases;

    private PeriodicJob rotation;

    /** The issuer URL without a trailing slash, checked once: {@code #{issuer}} in pages. */
    @Produces
    @Named("issuer")
    @Singleton
    PorticoIssuer issuer() {
        return PorticoIssuer.parse(issuer);
    }

    @Produces
    @Singleton // one per application, no client proxy: SigningKeys is final and thread-safe
    SigningKeys signingKeys(JpaKeyRepository repository, Clock clock) {
        SigningKeysConfig keysConfig = new SigningKeysConfig(SigningAlgorithm.parse(algorithm), rsaKeySize,
                Settings.duration(config, "portico.keys.rotation-period", "P30D", null, null),
                AppRegistration.MAX_TOKEN_LIFETIME,
                Settings.duration(config, "portico.tokens.clock-skew", "PT30S", null, null));
        MasterSecret secret = masterSecret();
        awaitFirstKeyElsewhere(repository);
        return SigningKeys.open(repository, secret, keysConfig, clock);
    }

    /**
     * On an empty database only one node makes the first key: the one that takes {@value #FIRST_KEY_LEASE}. Another
     * waits until that key is stored (at most {@link #FIRST_KEY_WAIT}; should the first node die meanwhile, it makes
     * one itself, and of two active keys the newer signs on every node).
     */
    private void awaitFirstKeyElsewhere(JpaKeyRepository repository) {
        if (!awaitFirstKey(repository, () -> leases.tryHold(FIRST_KEY_LEASE, FIRST_KEY_WAIT), FIRST_KEY_WAIT)) {
            LOG.info("Another node made the first signing key");
        }
    }

    /**
     * Returns at once, true, when the repository holds an active key or {@code lead} takes the lead (this node makes
     * the key); otherwise waits until an active key is stored, or {@code wait} has passed, and returns false.
     */
    static boolean awaitFirstKey(KeyRepository repository, BooleanSupplier lead, Duration wait) {
        if (hasActiveKey(repository) || lead.getAsBoolean()) {
            return true;
        }
        LOG.info("Another node is making the first signing key; waiting for it");
        long deadline = System.nanoTime() + wait.toNanos();
        while (!hasActiveKey(repository) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return false;
    }

    private static boolean hasActiveKey(KeyRepository repository) {
        return repository.list().stream().anyMatch(key -> key.state() == KeyState.ACTIVE);
    }

    /** Keys changed on some node (this one included): read them again, so a rotation anywhere signs here too. */
    void reload(@Observes TopicsChanged change, SigningKeys keys) {
        if (change.has(Topics.SIGNING_KEYS)) {
            try {
                keys.reload();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Reloading the signing keys after a change on another node failed; this node"
                        + " keeps its keys until the next change", e);
            }
        }
    }

    /** Seals secrets Portico must read back (apps' inbound-link secrets) under the same master secret as the keys. */
    @Produces
    @Singleton
    SecretSealer secretSealer() {
        return new SecretSealer(masterSecret());
    }

    /**
     * Hashes apps' client secrets: HMAC-SHA-256 under a key derived from the master secret, so a database dump alone
     * cannot test guesses of a secret (see {@link ClientSecretHasher}).
     */
    @Produces
    @Singleton
    ClientSecretHasher clientSecretHasher() {
        return new ClientSecretHasher(masterSecret().deriveKey(CLIENT_SECRET_KEY_PURPOSE));
    }

    /** Signs the CMS's preview links for reviewers ({@link PreviewLinks}) under a key derived from the master secret. */
    @Produces
    @Singleton
    PreviewLinks previewLinks(Clock clock) {
        return new PreviewLinks(new PreviewLinks.Key(masterSecret().deriveKey(PREVIEW_LINK_KEY_PURPOSE)), clock);
    }

    /** Changing it ends every preview link given out. */
    static final String PREVIEW_LINK_KEY_PURPOSE = "portico cms preview link v1";

    /** Changing it makes every stored client secret hash unverifiable: a new purpose needs a migration of the hashes. */
    static final String CLIENT_SECRET_KEY_PURPOSE = "portico client secret hash v1";

    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 5) @Initialized(ApplicationScoped.class) Object event,
                 SigningKeys keys) {
        String issuerUrl = issuer().url(); // checks portico.issuer whatever the log level
        LOG.info(() -> "Signing with key " + keys.activeKeyId() + " (" + keys.config().algorithm() + "), "
                + keys.keys().size() + " key(s) in the JWKS, issuer " + issuerUrl);
        rotation = PeriodicJob.start("key rotation check", scheduler, ROTATION_CHECK, ROTATION_CHECK,
                leases.onOneNode(ROTATION_LEASE, ROTATION_CHECK, PeriodicJob.TICK.multipliedBy(2),
                        () -> rotateIfDue(keys)));
    }

    private static void rotateIfDue(SigningKeys keys) {
        try {
            keys.reload(); // decide on what is stored, not on what this node last saw
            if (keys.rotateIfDue()) {
                LOG.info(() -> "Scheduled key rotation: now signing with " + keys.activeKeyId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Scheduled key rotation failed; the current key keeps signing", e);
        }
    }

    @PreDestroy
    void stop() {
        if (rotation != null) {
            rotation.cancel();
            leases.release(ROTATION_LEASE);
        }
    }

    private MasterSecret masterSecret() {
        if (masterSecret.isPresent()) {
            return MasterSecret.of(masterSecret.get().toCharArray(), "portico.keys.master-secret");
        }
        if (masterSecretFile.isPresent()) {
            Path file = Path.of(masterSecretFile.get());
            try {
                return MasterSecret.of(Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray(),
                        "portico.keys.master-secret-file (" + file + ")");
            } catch (IOException e) {
                throw new KeySetupException("portico.keys.master-secret-file names " + file
                        + ", which can't be read: " + e.getClass().getSimpleName());
            }
        }
        throw new KeySetupException("No master secret: set portico.keys.master-secret (environment variable"
                + " PORTICO_KEYS_MASTER_SECRET) to a random value of at least " + MasterSecret.MIN_LENGTH
                + " characters, e.g. the output of `openssl rand -base64 32`, or portico.keys.master-secret-file to a"
                + " file holding one. It encrypts the signing keys in the database; keep it safe and keep it the same.");
    }
}

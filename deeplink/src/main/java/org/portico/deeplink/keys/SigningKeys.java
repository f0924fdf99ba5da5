package org.portico.deeplink.keys;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Portico's signing keys: generated on first start, stored encrypted through a {@link KeyRepository}, rotated on demand
 * and on a schedule, published as a JWK set.
 *
 * <p>Life of a key: {@link KeyState#ACTIVE} (signs and verifies) → {@link KeyState#RETIRED} by a rotation (verifies
 * only) → removed from the JWKS, from verification and from the repository once every token it could have signed has
 * expired, that is {@code retiredAt + maxTokenLifetime + clockSkew} (see {@link SigningKeysConfig}). All times come
 * from the injected {@link Clock}; removal needs no scheduler, because expired keys are filtered whenever they are
 * read, and deleted by the next {@link #rotate()}, {@link #rotateIfDue()} or {@link #reload()}.
 *
 * <p>Cluster: all nodes share the repository. A node that meets an unknown {@code kid} (another node rotated) reloads
 * the repository, at most every {@link #RELOAD_INTERVAL}. If two nodes rotate at once, the newest active key signs and
 * the other counts as retired from the moment the newer one was created.
 *
 * <p>Thread-safe: reads use an immutable snapshot, changes are serialised.
 *
 * @see #open(KeyRepository, MasterSecret, SigningKeysConfig, Clock)
 */
public final class SigningKeys {

    /** Least time between two reloads caused by an unknown {@code kid}. */
    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyRepository repository;
    private final KeyCipher cipher;
    private final SigningKeysConfig config;
    private final Clock clock;
    private volatile Ring ring = new Ring(List.of());
    private volatile Instant lastReload = Instant.MIN;

    /** A loaded key: its stored record as effective now, the signer and the public half. */
    private record LiveKey(KeyRecord record, JWSSigner signer, PublicSigningKey publicKey) {
    }

    /** An immutable snapshot: keys newest first; the first active one signs. */
    private record Ring(List<LiveKey> keys, Map<String, LiveKey> byKid) {
        Ring(List<LiveKey> keys) {
            this(List.copyOf(keys), keys.stream().collect(Collectors.toUnmodifiableMap(k -> k.record().kid(),
                    Function.identity(), (a, b) -> a)));
        }

        Optional<LiveKey> active() {
            return keys.stream().filter(k -> k.record().state() == KeyState.ACTIVE).findFirst();
        }
    }

    private SigningKeys(KeyRepository repository, MasterSecret secret, SigningKeysConfig config, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cipher = new KeyCipher(Objects.requireNonNull(secret, "secret"));
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads and decrypts the stored keys; generates the first key when there is none. Call it once at start-up.
     *
     * @throws MasterSecretMismatchException when the master secret is not the one the stored keys were encrypted with
     * @throws KeySetupException             when a stored key is damaged or cannot be used in this JVM
     */
    public static SigningKeys open(KeyRepository repository, MasterSecret secret, SigningKeysConfig config,
                                   Clock clock) {
        SigningKeys keys = new SigningKeys(repository, secret, config, clock);
        keys.reload();
        if (keys.ring.active().isEmpty()) {
            keys.rotate();
        }
        return keys;
    }

    /** The configuration this service runs with. */
    public SigningKeysConfig config() {
        return config;
    }

    /**
     * Reads the repository again (keys added or retired by another node) and removes keys past their grace period.
     *
     * @throws MasterSecretMismatchException when the master secret does not match the stored keys
     * @throws KeySetupException             when a stored key is damaged
     */
    public synchronized void reload() {
        Instant now = clock.instant();
        List<KeyRecord> records = new ArrayList<>(repository.list());
        records.sort(Comparator.comparing(KeyRecord::createdAt).reversed());
        List<LiveKey> loaded = new ArrayList<>();
        int wrongSecret = 0;
        Instant newestActiveCreated = null;
        for (KeyRecord stored : records) {
            KeyRecord effective = stored;
            if (stored.state() == KeyState.ACTIVE) {
                if (newestActiveCreated == null) {
                    newestActiveCreated = stored.createdAt();
                } else {
                    effective = stored.retire(newestActiveCreated);
                }
            }
            try {
                loaded.add(load(effective));
            } catch (KeyCipher.WrongSecretException e) {
                wrongSecret++;
            }
        }
        if (wrongSecret > 0) {
            throw new MasterSecretMismatchException(wrongSecret);
        }
        lastReload = now;
        ring = new Ring(loaded);
        prune(now);
    }

    /**
     * Generates a new active key with the configured algorithm; the current active key retires now.
     *
     * @return the new key's id
     * @throws KeySetupException when the key cannot be generated or stored
     */
    public synchronized String rotate() {
        Instant now = clock.instant();
        JWK privateJwk = KeyMaterial.generate(config.algorithm(), config.rsaKeySize());
        String kid = privateJwk.getKeyID();
        KeyRecord record = new KeyRecord(kid, config.algorithm(), KeyState.ACTIVE, now, null,
                privateJwk.toPublicJWK().toJSONString(),
                cipher.seal(kid, config.algorithm(), privateJwk.toJSONString().getBytes(StandardCharsets.UTF_8)));
        LiveKey fresh = live(record, privateJwk);
        List<LiveKey> keys = new ArrayList<>();
        keys.add(fresh);
        repository.save(record);
        for (LiveKey old : ring.keys()) {
            if (old.record().state() == KeyState.ACTIVE) {
                KeyRecord retired = old.record().retire(now);
                repository.save(retired);
                keys.add(new LiveKey(retired, old.signer(), publicHalf(retired, old.publicKey().jwk(),
                        old.publicKey())));
            } else {
                keys.add(old);
            }
        }
        ring = new Ring(keys);
        LOG.log(Level.INFO, "Signing key rotated: {0} ({1}) is active", kid, config.algorithm());
        prune(now);
        return kid;
    }

    /**
     * Rotates when the active key is older than the rotation period (or its algorithm is no longer the configured one),
     * and removes keys past their grace period. Call it from a schedule, e.g. hourly.
     *
     * @return whether a new key was generated
     */
    public synchronized boolean rotateIfDue() {
        Instant now = clock.instant();
        prune(now);
        Optional<LiveKey> active = ring.active();
        boolean due = active.isEmpty()
                || !now.isBefore(active.get().record().createdAt().plus(config.rotationPeriod()))
                || active.get().record().algorithm() != config.algorithm();
        if (due) {
            rotate();
        }
        return due;
    }

    /**
     * Signs {@code claims} with the active key and returns the compact JWS; the header carries {@code alg}, {@code kid}
     * and {@code typ} (none when {@code type} is null).
     *
     * <p>Header and claims are Base64URL-encoded with the JDK's encoder (an intrinsic) rather than through Nimbus'
     * {@code JWSObject} and its constant-time codec, which is about ten times slower per byte (a JFR profile of a hop
     * under load even put it above the native ECDSA signature). Constant time buys nothing here: both parts are public
     * in the token. The signature is still Nimbus' (its {@code JWSSigner} over the same signing input).
     *
     * @throws KeySetupException when signing fails (a JVM without the algorithm)
     */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        LiveKey active = ring.active().orElseThrow(() -> new KeySetupException("no active signing key"));
        JWSHeader header = new JWSHeader.Builder(active.record().algorithm().jwsAlgorithm())
                .keyID(active.record().kid()).type(type).build();
        String signingInput = base64Url(header.toString()) + '.' + base64Url(claims.toString());
        try {
            return signingInput + '.' + active.signer().sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new KeySetupException("signing with key '" + active.record().kid() + "' failed", e);
        }
    }

    private static String base64Url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the key that signs now. */
    public String activeKeyId() {
        return ring.active().map(k -> k.record().kid()).orElseThrow(() -> new KeySetupException("no active key"));
    }

    /**
     * The key with this id, while it may verify (active, or retired within its grace period). An unknown id makes
     * this node reload the repository, at most every {@link #RELOAD_INTERVAL}.
     */
    public Optional<PublicSigningKey> findVerificationKey(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LiveKey key = ring.byKid().get(kid);
        if (key == null && !now.isBefore(lastReload.plus(RELOAD_INTERVAL))) {
            key = reloadFor(kid);
        }
        return key != null && usable(key.record(), now) ? Optional.of(key.publicKey()) : Optional.empty();
    }

    private synchronized LiveKey reloadFor(String kid) {
        LiveKey key = ring.byKid().get(kid);
        if (key != null || clock.instant().isBefore(lastReload.plus(RELOAD_INTERVAL))) {
            return key;
        }
        try {
            reload();
        } catch (RuntimeException e) {
            // An unknown kid is the caller's problem (rejected as UNKNOWN_KEY); a broken store is logged, not thrown.
            lastReload = clock.instant();
            LOG.log(Level.WARNING, "Reloading signing keys failed: " + e);
        }
        return ring.byKid().get(kid);
    }

    /** The public keys that may verify now, as published at {@code /.well-known/jwks.json}; never private parts. */
    public JWKSet publicJwkSet() {
        Instant now = clock.instant();
        return new JWKSet(ring.keys().stream().filter(k -> usable(k.record(), now))
                .map(k -> k.publicKey().jwk()).toList());
    }

    /** Every key that may verify now, newest first: for the admin UI. */
    public List<PublicSigningKey> keys() {
        Instant now = clock.instant();
        return ring.keys().stream().filter(k -> usable(k.record(), now)).map(LiveKey::publicKey).toList();
    }

    private boolean usable(KeyRecord record, Instant now) {
        return record.state() == KeyState.ACTIVE || now.isBefore(record.retiredAt().plus(config.retirementGrace()));
    }

    private void prune(Instant now) {
        List<LiveKey> keep = new ArrayList<>();
        for (LiveKey key : ring.keys()) {
            if (usable(key.record(), now)) {
                keep.add(key);
            } else {
                repository.delete(key.record().kid());
                LOG.log(Level.INFO, "Signing key {0} removed: every token it signed has expired", key.record().kid());
            }
        }
        if (keep.size() != ring.keys().size()) {
            ring = new Ring(keep);
        }
    }

    private LiveKey load(KeyRecord record) throws KeyCipher.WrongSecretException {
        byte[] plain = cipher.open(record.kid(), record.algorithm(), record.sealedPrivateKey());
        JWK privateJwk;
        try {
            privateJwk = KeyMaterial.parse(new String(plain, StandardCharsets.UTF_8), record.algorithm());
        } catch (ParseException e) {
            throw new KeySetupException("stored signing key '" + record.kid() + "' is not a valid "
                    + record.algorithm() + " key");
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
        if (!record.kid().equals(privateJwk.getKeyID())) {
            throw new KeySetupException("stored signing key '" + record.kid() + "' does not match its key id");
        }
        return live(record, privateJwk);
    }

    private LiveKey live(KeyRecord record, JWK privateJwk) {
        try {
            return new LiveKey(record, KeyMaterial.signer(privateJwk),
                    publicHalf(record, privateJwk.toPublicJWK(), null));
        } catch (JOSEException | GeneralSecurityException e) {
            throw new KeySetupException("signing key '" + record.kid() + "' cannot be used in this JVM", e);
        }
    }

    private PublicSigningKey publicHalf(KeyRecord record, JWK publicJwk, PublicSigningKey previous) {
        Instant removable = record.retiredAt() == null ? null : record.retiredAt().plus(config.retirementGrace());
        if (previous != null) {
            return new PublicSigningKey(record, removable, publicJwk, previous.publicKey(), previous.verifier());
        }
        try {
            java.security.PublicKey key = KeyMaterial.publicKey(publicJwk);
            return new PublicSigningKey(record, removable, publicJwk, key, KeyMaterial.verifier(publicJwk, key));
        } catch (JOSEException | GeneralSecurityException e) {
            throw new KeySetupException("signing key '" + record.kid() + "' cannot be used in this JVM", e);
        }
    }
}

package org.portico.deeplink.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.keys.MasterSecret;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.keys.SigningKeysConfig;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.InMemoryReplayGuard;
import org.portico.deeplink.token.InMemoryRevocationList;
import org.portico.deeplink.token.UserIdentity;

/**
 * Everything a token test needs, wired as portal-web would: a clock, keys, two apps that exchange with each other,
 * issuer and verifier.
 */
public final class TokenWorld implements AppDirectory {

    public static final String ISSUER = "https://portal.example";
    public static final String TOKEN_ENDPOINT = "https://portal.example/oauth2/token";
    public static final String BILLING_SECRET = "billing-secret-0123456789-abcdefghijklmnop";
    public static final UserIdentity ALICE = new UserIdentity("alice", "Alice Example", "alice@example.org",
            Set.of("end-user"));

    /** Checks client secrets under a key derived from the test master secret, as portal-web does. */
    public static final ClientSecretHasher SECRETS = new ClientSecretHasher(secret().deriveKey(
            "portico client secret hash v1"));

    /**
     * Client secret hash shared by all tests: the legacy PBKDF2 form, as an app registered before the fast hash has
     * it (PBKDF2 is slow on purpose; hash once).
     */
    private static final ClientSecret BILLING_HASH = ClientSecret.hashOf(BILLING_SECRET, ClientSecret.MIN_ITERATIONS);

    public static MasterSecret secret() {
        return MasterSecret.of("Xq8v2LrT9zKpW4mNc7JfHs3Gd6YbQa1E5uRtVkZo".toCharArray(), "portico.keys.master-secret");
    }

    public final MutableClock clock = MutableClock.atDefaultStart();
    public final InMemoryKeyRepository repository = new InMemoryKeyRepository();
    public final InMemoryRevocationList revocations = new InMemoryRevocationList(clock);
    public final InMemoryReplayGuard replayGuard = new InMemoryReplayGuard(clock, 100_000);
    public final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    public final SigningKeys keys;
    public final AccessTokenIssuer issuer;
    public final AccessTokenVerifier verifier;
    public final AppRegistration billing;
    public final AppRegistration crm;
    public final AppRegistration reports;

    public TokenWorld() {
        this(SigningAlgorithm.ES256);
    }

    public TokenWorld(SigningAlgorithm algorithm) {
        keys = SigningKeys.open(repository, secret(), SigningKeysConfig.defaults().withAlgorithm(algorithm), clock);
        issuer = new AccessTokenIssuer(keys, ISSUER, clock);
        verifier = new AccessTokenVerifier(keys, ISSUER, revocations, clock);
        billing = register(AppRegistration.builder("billing").name("Billing")
                .baseUrl("https://billing.example").audience("https://billing.example")
                .allowedClaims(UserClaim.NAME, UserClaim.EMAIL, UserClaim.ROLES)
                .clientAuthentication(BILLING_HASH)
                .exchangeAudiences("https://crm.example")
                .build());
        crm = register(AppRegistration.builder("crm").name("CRM")
                .baseUrl("https://crm.example").audience("https://crm.example")
                .allowedClaims(UserClaim.NAME)
                .tokenLifetime(Duration.ofMinutes(10))
                .clientAuthentication(BILLING_HASH)
                .exchangeAudiences("https://billing.example")
                .build());
        reports = register(AppRegistration.builder("reports").name("Reports")
                .baseUrl("https://reports.example").audience("reports")
                .clientAuthentication(BILLING_HASH)
                .build());
    }

    public AppRegistration register(AppRegistration app) {
        apps.put(app.id(), app);
        return app;
    }

    /** A fresh token of Alice for billing, requested by billing in session s-1. */
    public String aliceTokenForBilling() {
        return issuer.issue(ALICE, billing, billing.id(), "s-1").value();
    }

    @Override
    public Optional<AppRegistration> findById(String id) {
        return Optional.ofNullable(apps.get(id));
    }

    @Override
    public Optional<AppRegistration> findByAudience(String audience) {
        return apps.values().stream().filter(a -> a.audience().equals(audience)).findFirst();
    }
}

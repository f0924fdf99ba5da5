package org.portico.deeplink.bench;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.ClientSecretHasher;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.keys.KeyRecord;
import org.portico.deeplink.keys.KeyRepository;
import org.portico.deeplink.keys.MasterSecret;
import org.portico.deeplink.keys.SigningAlgorithm;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.keys.SigningKeysConfig;
import org.portico.deeplink.oauth.ClientAuthenticator;
import org.portico.deeplink.oauth.OAuthForms;
import org.portico.deeplink.oauth.TokenExchange;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.InMemoryReplayGuard;
import org.portico.deeplink.token.InMemoryRevocationList;
import org.portico.deeplink.token.UserIdentity;
import org.portico.deeplink.token.VerifiedAccessToken;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * Issue and verify an access token per algorithm (a first verification, and a repeated one of a remembered token),
 * and a whole token exchange in memory (client_secret_basic from the verified-secret cache, form parsing, subject token
 * verification — remembered, as wrk's repeated request gets it —, policy, issuing).
 *
 * <pre>
 * mvn -B -pl deeplink -Pjmh package -DskipTests
 * java -jar deeplink/target/benchmarks.jar -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {

    private static final String ISSUER = "https://portal.example";
    private static final String SECRET = "bench-secret-0123456789-abcdefghijklmnopq";
    private static final UserIdentity ALICE = new UserIdentity("alice", "Alice Example", "alice@example.org",
            Set.of("end-user"));

    @Param({"ES256", "RS256", "EdDSA"})
    public String algorithm;

    private AccessTokenIssuer issuer;
    private AccessTokenVerifier verifier;
    private AccessTokenVerifier forgetfulVerifier;
    private AppRegistration billing;
    private String token;
    private ClientAuthenticator authenticator;
    private TokenExchange exchange;
    private String basic;
    private String exchangeBody;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        SigningKeys keys = keys(algorithm, clock);
        Directory apps = new Directory();
        ClientSecretHasher secrets = new ClientSecretHasher(new byte[32]);
        ClientSecret hash = secrets.hash(SECRET);
        billing = apps.add(AppRegistration.builder("billing").name("Billing").baseUrl("https://billing.example")
                .audience("https://billing.example").allowedClaims(UserClaim.NAME, UserClaim.EMAIL, UserClaim.ROLES)
                .clientAuthentication(hash).exchangeAudiences("https://crm.example").build());
        apps.add(AppRegistration.builder("crm").name("CRM").baseUrl("https://crm.example")
                .audience("https://crm.example").allowedClaims(UserClaim.NAME).clientAuthentication(hash).build());
        issuer = new AccessTokenIssuer(keys, ISSUER, clock);
        verifier = new AccessTokenVerifier(keys, ISSUER, new InMemoryRevocationList(clock), clock);
        forgetfulVerifier = new AccessTokenVerifier(keys, ISSUER, new InMemoryRevocationList(clock), clock, 0);
        InMemoryReplayGuard replay = new InMemoryReplayGuard(clock, 1_000_000);
        authenticator = new ClientAuthenticator(apps, app -> null, replay, secrets, (id, legacy, current) -> {
        }, ISSUER, ISSUER + "/oauth2/token", clock);
        exchange = new TokenExchange(apps, verifier, issuer, replay, false, clock);
        token = issuer.issue(ALICE, billing, "billing", "s-1").value();
        basic = "Basic " + Base64.getEncoder().encodeToString(("billing:" + SECRET).getBytes());
        exchangeBody = URLUtils.serializeParameters(Map.of(
                "grant_type", List.of(GrantType.TOKEN_EXCHANGE.getValue()),
                "subject_token", List.of(token),
                "subject_token_type", List.of(TokenTypeURI.ACCESS_TOKEN.getURI().toString()),
                "audience", List.of("https://crm.example")));
    }

    @Benchmark
    public String issue() {
        return issuer.issue(ALICE, billing, "billing", "s-1").value();
    }

    /** A first verification: the whole pipeline, signature included. */
    @Benchmark
    public VerifiedAccessToken verify() {
        return forgetfulVerifier.verify(token, "https://billing.example");
    }

    /** A repeated verification of a token verified before: expiry, key and revocation only. */
    @Benchmark
    public VerifiedAccessToken verifyRemembered() {
        return verifier.verify(token, "https://billing.example");
    }

    /** The token endpoint's work without HTTP: read the body, authenticate the client, exchange, write the JSON. */
    @Benchmark
    public String exchange() {
        Map<String, List<String>> form = OAuthForms.parse(exchangeBody);
        AppRegistration client = authenticator.authenticate(basic, form, "127.0.0.1");
        return exchange.exchange(TokenExchange.request(form), client).toHTTPResponse().getBody();
    }

    /** Signing keys of {@code algorithm} (a JOSE name), kept in memory under a fixed master secret. */
    static SigningKeys keys(String algorithm, Clock clock) {
        return SigningKeys.open(new MapRepository(),
                MasterSecret.of("Xq8v2LrT9zKpW4mNc7JfHs3Gd6YbQa1E5uRtVkZo".toCharArray(), "bench"),
                SigningKeysConfig.defaults().withAlgorithm(SigningAlgorithm.parse(algorithm)), clock);
    }

    static final class MapRepository implements KeyRepository {
        private final Map<String, KeyRecord> records = new ConcurrentHashMap<>();

        @Override
        public List<KeyRecord> list() {
            return List.copyOf(records.values());
        }

        @Override
        public void save(KeyRecord key) {
            records.put(key.kid(), key);
        }

        @Override
        public void delete(String kid) {
            records.remove(kid);
        }
    }

    static final class Directory implements AppDirectory {
        private final Map<String, AppRegistration> byId = new ConcurrentHashMap<>();

        AppRegistration add(AppRegistration app) {
            byId.put(app.id(), app);
            return app;
        }

        @Override
        public Optional<AppRegistration> findById(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<AppRegistration> findByAudience(String audience) {
            return byId.values().stream().filter(a -> a.audience().equals(audience)).findFirst();
        }
    }
}

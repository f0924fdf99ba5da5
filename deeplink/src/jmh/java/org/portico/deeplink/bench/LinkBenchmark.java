package org.portico.deeplink.bench;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientSecret;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.link.LinkBinder;
import org.portico.deeplink.link.LinkRequest;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkTargets;
import org.portico.deeplink.link.LinkTokenIssuer;
import org.portico.deeplink.link.LinkTokenVerifier;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.token.UserIdentity;

/**
 * The pieces of following a link: sign a link token, verify one, and bind plus expand a request into a checked target
 * URL (percent-decoding, parameter checks, encoding, {@code RedirectGuard}).
 *
 * <pre>
 * mvn -B -pl deeplink -Pjmh package -DskipTests
 * java -jar deeplink/target/benchmarks.jar LinkBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinkBenchmark {

    private static final String ISSUER = "https://portal.example";
    private static final UserIdentity ALICE = new UserIdentity("alice", "Alice Example", "alice@example.org",
            Set.of("end-user"));

    @Param({"ES256", "RS256", "EdDSA"})
    public String algorithm;

    private LinkTokenIssuer issuer;
    private LinkTokenVerifier verifier;
    private AppRegistration billing;
    private LinkRoute route;
    private Map<String, String> params;
    private String token;
    private LinkRequest request;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        SigningKeys keys = TokenBenchmark.keys(algorithm, clock);
        billing = AppRegistration.builder("billing").name("Billing").baseUrl("https://billing.example")
                .audience("https://billing.example").allowedClaims(UserClaim.NAME, UserClaim.EMAIL)
                .clientAuthentication(ClientSecret.hashOf("bench-secret-0123456789-abcdefghijklmnopq",
                        ClientSecret.MIN_ITERATIONS)).build();
        route = LinkRoute.builder("invoice")
                .parameter(RouteParameter.of("id", ParameterType.INT))
                .parameter(RouteParameter.of("note", ParameterType.STRING).optional())
                .target(new RouteTarget.AppUrl("billing", "https://billing.example/invoices/{id}?note={note}"))
                .claims(UserClaim.NAME, UserClaim.EMAIL).build();
        issuer = new LinkTokenIssuer(keys, ISSUER, clock);
        verifier = new LinkTokenVerifier(keys, ISSUER, clock);
        params = Map.of("id", "42", "note", "Zürich & more");
        token = issuer.issue(ALICE, billing, route, params).value();
        request = LinkRequest.parse("/link/invoice/42", "note=Z%C3%BCrich+%26+more");
    }

    @Benchmark
    public String sign() {
        return issuer.issue(ALICE, billing, route, params).value();
    }

    @Benchmark
    public Object verify() {
        return verifier.verify(token, "https://billing.example");
    }

    @Benchmark
    public Object bindAndExpand() {
        return LinkTargets.appTarget(billing, (RouteTarget.AppUrl) route.target(),
                LinkBinder.bind(route, request).params());
    }
}

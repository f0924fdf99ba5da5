package org.portico.demoapp.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Portico's public side on a real HTTP server (the JDK's, on 127.0.0.1 and a free port): the discovery
 * document and the JWKS with an ES256, an RS256 and an Ed25519 key, plus a signer that makes link tokens with the
 * matching private keys, the way Portico's link sender does. Counts the JWKS fetches.
 */
public final class FakePortico implements AutoCloseable {

    public static final String EC_KID = "ec-1";
    public static final String RSA_KID = "rsa-1";
    public static final String ED_KID = "ed-1";

    private final HttpServer server;
    private final String url;
    private final ECKey ecKey;
    private final RSAKey rsaKey;
    private final KeyPair edKeys;
    private final OctetKeyPair edPublic;
    private final List<JWK> extraKeys = new ArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile String issuer;
    private volatile boolean discoveryBroken;

    public FakePortico() {
        try {
            ecKey = new ECKeyGenerator(Curve.P_256).keyID(EC_KID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair rsaPair = rsa.generateKeyPair();
            rsaKey = new RSAKey.Builder((RSAPublicKey) rsaPair.getPublic()).privateKey(rsaPair.getPrivate())
                    .keyID(RSA_KID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            edKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            // RFC 8410: the X.509 form of an Ed25519 key ends with its 32 raw bytes, which are the JWK's "x".
            byte[] encoded = edKeys.getPublic().getEncoded();
            edPublic = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)))
                    .keyID(ED_KID).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        issuer = url;
        server.createContext(PorticoDiscovery.PATH, exchange -> {
            byte[] body = (discoveryBroken ? "<html>not json</html>" : JSONObjectUtils.toJSONString(Map.of(
                    "issuer", issuer, "jwks_uri", url + "/.well-known/jwks.json"))).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            List<JWK> keys = new ArrayList<>(List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK(), edPublic));
            synchronized (extraKeys) {
                keys.addAll(extraKeys);
            }
            byte[] body = new JWKSet(keys).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Portico's base URL, also its issuer unless {@link #issuer(String)} changed that. */
    public URI url() {
        return URI.create(url);
    }

    public URI jwksUrl() {
        return URI.create(url + "/.well-known/jwks.json");
    }

    public String issuer() {
        return issuer;
    }

    /** Changes the issuer the discovery document states. */
    public void issuer(String issuer) {
        this.issuer = issuer;
    }

    /** Makes the discovery document answer HTML instead of JSON. */
    public void breakDiscovery(boolean broken) {
        this.discoveryBroken = broken;
    }

    /** Publishes another public key in the JWKS, as after a key rotation. */
    public void publish(JWK key) {
        synchronized (extraKeys) {
            extraKeys.add(key.toPublicJWK());
        }
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public ECKey ecKey() {
        return ecKey;
    }

    /** The claims of a valid link token for {@code audience}, issued at {@code now}, valid for five minutes. */
    public JWTClaimsSet.Builder claims(String audience, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("alice")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID("jti-" + System.nanoTime())
                .claim("route", "invoice")
                .claim("params", Map.of("id", "42"))
                .claim("name", "Alice Example")
                .claim("email", "alice@example.org")
                .claim("roles", List.of("end-user"));
    }

    /**
     * The claims of a valid access token (RFC 9068) for {@code audience}, issued at {@code now}, valid for five
     * minutes: what Portico's {@code /api/token} gives alice for the demo app.
     */
    public JWTClaimsSet.Builder accessClaims(String audience, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("alice")
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID("jti-" + System.nanoTime())
                .claim("client_id", "demo-app")
                .claim("sid", "session-1")
                .claim("name", "Alice Example")
                .claim("email", "alice@example.org")
                .claim("roles", List.of("end-user"));
    }

    /** An access token ({@code typ} {@code at+jwt}) signed with this Portico's key for {@code algorithm}. */
    public String signAccess(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(algorithm, claims, header -> header.type(new JOSEObjectType("at+jwt")));
    }

    /** A link token signed with this Portico's key for {@code algorithm}; {@code header} may change the header. */
    public String sign(JWSAlgorithm algorithm, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        String kid = JWSAlgorithm.ES256.equals(algorithm) ? EC_KID : JWSAlgorithm.RS256.equals(algorithm) ? RSA_KID : ED_KID;
        JWSHeader.Builder builder = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("link+jwt")).keyID(kid);
        return sign(header.apply(builder).build(), claims, signer(algorithm));
    }

    public String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(algorithm, claims, UnaryOperator.identity());
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWSSigner signer(JWSAlgorithm algorithm) {
        try {
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECDSASigner(ecKey);
            }
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSASSASigner(rsaKey);
            }
            return new JdkEd25519Signer(edKeys.getPrivate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Ed25519 signatures from the JDK (Nimbus' own Ed25519Signer needs Google Tink). */
    private static final class JdkEd25519Signer extends BaseJWSProvider implements JWSSigner {
        private final PrivateKey key;

        JdkEd25519Signer(PrivateKey key) {
            super(Set.of(JWSAlgorithm.EdDSA));
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }
    }
}

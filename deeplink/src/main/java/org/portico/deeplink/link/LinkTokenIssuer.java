package org.portico.deeplink.link;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.token.TokenClaims;
import org.portico.deeplink.token.UserIdentity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Issues the token a user carries into an app when following a link: a compact JWS signed with Portico's active key,
 * header {@code typ: link+jwt} (never mistaken for an {@code at+jwt} access token) and {@code kid}; claims
 * {@code iss}, {@code sub}, {@code aud} (the app's audience), {@code exp} (the route's token lifetime), {@code iat},
 * {@code jti}, {@code route}, {@code params} (name → normalised value) and of {@code name}, {@code email},
 * {@code roles} only those the route lists <em>and</em> the app may receive (and the user has).
 *
 * <p>Apps verify it against Portico's JWKS; see {@link LinkTokenVerifier} for the checks. Thread-safe.
 */
public final class LinkTokenIssuer {

    /** The JOSE header {@code typ} of link tokens. */
    public static final JOSEObjectType LINK_JWT = new JOSEObjectType("link+jwt");
    /** Claim: the route's name. */
    public static final String ROUTE = "route";
    /** Claim: the link's parameters, a JSON object of strings. */
    public static final String PARAMS = "params";

    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;

    /**
     * @param keys   Portico's signing keys
     * @param issuer Portico's issuer identifier, the {@code iss}
     * @param clock  the time source
     */
    public LinkTokenIssuer(SigningKeys keys, String issuer, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A token for {@code user} following {@code route} into {@code app} with the bound {@code params}.
     *
     * @throws org.portico.deeplink.keys.KeySetupException when signing fails
     */
    public LinkToken issue(UserIdentity user, AppRegistration app, LinkRoute route, Map<String, String> params) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(route.tokenLifetime());
        String jti = TokenClaims.newJwtId();
        JWTClaimsSet.Builder claims = TokenClaims.forUser(issuer, user, app, now, exp)
                .jwtID(jti)
                .claim(ROUTE, route.name())
                .claim(PARAMS, new LinkedHashMap<String, Object>(params));
        Set<UserClaim> travel = EnumSet.noneOf(UserClaim.class);
        travel.addAll(route.claims());
        travel.retainAll(app.allowedClaims());
        TokenClaims.addUserClaims(claims, user, travel);
        String value = keys.sign(LINK_JWT, claims.build());
        return new LinkToken(value, jti, app.audience(), now, exp);
    }
}

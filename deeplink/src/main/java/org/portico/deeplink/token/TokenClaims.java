package org.portico.deeplink.token;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.random.RandomIds;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

/** Names of the claims and the header type of Portico access tokens (RFC 9068, RFC 8693, RFC 7519). */
public final class TokenClaims {

    /** The JOSE header {@code typ} of access tokens: {@code at+jwt} (RFC 9068 section 2.1). */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    /** RFC 9068: the OAuth client that requested the token. */
    public static final String CLIENT_ID = "client_id";
    /** OpenID Connect session id: the Portico session the token belongs to (revoked with it). */
    public static final String SID = "sid";
    /** RFC 8693 section 4.1: the acting party in a delegation, with nested {@code act} for earlier actors. */
    public static final String ACT = "act";
    /** The user's display name. */
    public static final String NAME = "name";
    /** The user's e-mail address. */
    public static final String EMAIL = "email";
    /** The user's Portico roles (RFC 9068 section 2.2.3.1). */
    public static final String ROLES = "roles";


    private TokenClaims() {
    }

    /**
     * The claims every token Portico issues to a user for an app starts with: {@code iss}, {@code sub} (the
     * username), {@code aud} (the app's audience), {@code exp} and {@code iat}, in this order.
     */
    public static JWTClaimsSet.Builder forUser(String issuer, UserIdentity user, AppRegistration app,
                                               Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.username())
                .audience(app.audience())
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(issuedAt));
    }

    /**
     * Adds of {@code name}, {@code email} and {@code roles} those in {@code travel} that the user has (roles always,
     * sorted): the one place that decides what a token says about its user.
     */
    public static JWTClaimsSet.Builder addUserClaims(JWTClaimsSet.Builder claims, UserIdentity user,
                                                     Set<UserClaim> travel) {
        if (travel.contains(UserClaim.NAME) && user.name() != null) {
            claims.claim(NAME, user.name());
        }
        if (travel.contains(UserClaim.EMAIL) && user.email() != null) {
            claims.claim(EMAIL, user.email());
        }
        if (travel.contains(UserClaim.ROLES)) {
            claims.claim(ROLES, List.copyOf(new TreeSet<>(user.roles())));
        }
        return claims;
    }

    /** A new {@code jti}: 128 random bits, base64url. */
    public static String newJwtId() {
        return RandomIds.id();
    }
}

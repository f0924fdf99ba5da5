package org.portico.deeplink.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * An access token whose signature, type, issuer, audience, lifetime and required claims were checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param claims all claims, as signed
 * @param keyId  the {@code kid} that verified it
 */
public record VerifiedAccessToken(JWTClaimsSet claims, String keyId) {

    public VerifiedAccessToken {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(keyId, "keyId");
    }

    /** {@code sub}: the user. */
    public String subject() {
        return claims.getSubject();
    }

    /** {@code aud}. */
    public List<String> audience() {
        return claims.getAudience();
    }

    /** {@code client_id}. */
    public String clientId() {
        return (String) claims.getClaim(TokenClaims.CLIENT_ID);
    }

    /** {@code sid}. */
    public String sessionId() {
        return (String) claims.getClaim(TokenClaims.SID);
    }

    /** {@code jti}. */
    public String jwtId() {
        return claims.getJWTID();
    }

    /** {@code iat}. */
    public Instant issuedAt() {
        return claims.getIssueTime().toInstant();
    }

    /** {@code exp}. */
    public Instant expiresAt() {
        return claims.getExpirationTime().toInstant();
    }

    /** {@code act}, when the token was issued by delegation. */
    public Optional<Actor> findActor() {
        return Actor.fromClaim(claims.getClaim(TokenClaims.ACT));
    }

    /** The user as far as this token tells: name, email and roles only when the token carries them. */
    public UserIdentity user() {
        Object name = claims.getClaim(TokenClaims.NAME);
        Object email = claims.getClaim(TokenClaims.EMAIL);
        List<String> roles;
        try {
            roles = claims.getStringListClaim(TokenClaims.ROLES);
        } catch (ParseException e) {
            roles = null;
        }
        return new UserIdentity(subject(), name instanceof String n ? n : null, email instanceof String e ? e : null,
                roles == null ? Set.of() : Set.copyOf(roles));
    }
}

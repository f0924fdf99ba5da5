package org.portico.deeplink.token;

import com.nimbusds.jose.JOSEObjectType;

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
}

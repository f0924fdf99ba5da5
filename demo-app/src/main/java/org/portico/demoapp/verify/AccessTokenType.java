package org.portico.demoapp.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * {@code typ} must be {@code at+jwt} (or {@code application/at+jwt}), as RFC 9068 section 4 requires of a resource
 * server: a Portico link token ({@code link+jwt}), signed with the very same keys, is no access token. Stateless and
 * thread-safe.
 */
final class AccessTokenType implements JOSEObjectTypeVerifier<VerificationContext> {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final DefaultJOSEObjectTypeVerifier<VerificationContext> delegate =
            new DefaultJOSEObjectTypeVerifier<>(AT_JWT, new JOSEObjectType("application/at+jwt"));

    @Override
    public void verify(JOSEObjectType type, VerificationContext context) throws BadJOSEException {
        try {
            delegate.verify(type, context);
        } catch (BadJOSEException e) {
            throw new Refusal(Reason.WRONG_TYPE, type == null
                    ? "The token has no typ header; a Portico access token has typ 'at+jwt' (RFC 9068)."
                    : "The token's typ is '" + type + "'" + (type.getType().toLowerCase(java.util.Locale.ROOT).endsWith("link+jwt") ? " (a link token)" : "")
                    + ", not 'at+jwt': only Portico access tokens (RFC 9068) open this API.");
        }
    }
}

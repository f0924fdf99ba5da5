package org.portico.demoapp.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;

import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/**
 * {@code typ} must be {@code link+jwt} (or its media type form {@code application/link+jwt}). This is what keeps a
 * Portico access token ({@code at+jwt}), signed with the very same keys, from being accepted as a link: explicit
 * typing, RFC 8725 section 3.11. Stateless and thread-safe.
 */
final class LinkTokenType implements JOSEObjectTypeVerifier<VerificationContext> {

    static final JOSEObjectType LINK_JWT = new JOSEObjectType("link+jwt");

    private final DefaultJOSEObjectTypeVerifier<VerificationContext> delegate =
            new DefaultJOSEObjectTypeVerifier<>(LINK_JWT, new JOSEObjectType("application/link+jwt"));

    @Override
    public void verify(JOSEObjectType type, VerificationContext context) throws BadJOSEException {
        try {
            delegate.verify(type, context);
        } catch (BadJOSEException e) {
            throw new Refusal(Reason.WRONG_TYPE, type == null
                    ? "The token has no typ header; a Portico link token has typ 'link+jwt'."
                    : "The token's typ is '" + type + "'" + (type.getType().toLowerCase(java.util.Locale.ROOT).endsWith("at+jwt") ? " (an access token)" : "")
                    + ", not 'link+jwt': only Portico link tokens open this app.");
        }
    }
}

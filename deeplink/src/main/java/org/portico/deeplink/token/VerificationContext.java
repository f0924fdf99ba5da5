package org.portico.deeplink.token;

import org.portico.deeplink.keys.PublicSigningKey;
import org.portico.deeplink.token.TokenRejectedException.Reason;

import com.nimbusds.jose.proc.SecurityContext;

/**
 * Per-call state of one verification, passed through Nimbus' processor: the expected audience going in, the selected
 * key and the reason of a key-selection failure coming out. Confined to one thread.
 */
final class VerificationContext implements SecurityContext {

    final String expectedAudience;
    PublicSigningKey key;
    Reason keyFailure;

    VerificationContext(String expectedAudience) {
        this.expectedAudience = expectedAudience;
    }
}

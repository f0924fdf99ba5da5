package org.portico.demoapp.verify;

import com.nimbusds.jose.proc.SecurityContext;

/**
 * State of one verification (a link token or an access token), passed through Nimbus' pipeline: the key selector
 * notes here why it found no key, because its interface can only answer with an empty list. One per call; not shared
 * between threads.
 */
final class VerificationContext implements SecurityContext {

    /** Set by the key selector when it found no key; null otherwise. */
    Refusal keyProblem;
}

package org.portico.deeplink.keys;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;

/**
 * The JCA provider behind Portico's own ECDSA signatures: Bouncy Castle. JDK 17's P-256 arithmetic has no precomputed
 * tables and is several times slower than Bouncy Castle's (fixed-point comb for the base point, specialised field
 * code): on the benchmark machine an ES256 signature took about 3× and a verification about 2–6× as long (see
 * src/docs/benchmarks.md). Every token issued and every subject token verified pays for one, so this decides the token
 * endpoint's throughput.
 *
 * <p>The provider is used per signer and verifier through Nimbus' JCA context, never registered with
 * {@link java.security.Security}: nothing else in the JVM (or the application server) changes behaviour.
 */
final class Jca {

    /** One instance: building a provider registers hundreds of algorithms, and instances are thread-safe. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Jca() {
    }

    /** The signer or verifier, set to use Bouncy Castle. */
    static <T extends JCAAware<JCAContext>> T onBouncyCastle(T signerOrVerifier) {
        signerOrVerifier.getJCAContext().setProvider(BOUNCY_CASTLE);
        return signerOrVerifier;
    }
}

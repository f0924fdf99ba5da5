package org.portico.deeplink.keys;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;

/**
 * The JCA provider behind Portico's own ECDSA signatures and verifications: every token issued and every subject token
 * verified pays for one, so this decides the throughput of the token endpoint and of deep-link hops.
 *
 * <p>In order of preference:
 * <ol>
 * <li><b>Amazon Corretto Crypto Provider</b> (ACCP: AWS-LC, native code with assembly for P-256), when its native
 * library loads on this platform and passes a sign-and-verify check against Bouncy Castle. On the benchmark machine
 * it signed about 15× as fast as Bouncy Castle (see src/docs/benchmarks.md). The build adds it on Linux x86-64
 * only.</li>
 * <li><b>Bouncy Castle</b> everywhere else, or when the system property {@value #NATIVE_PROPERTY} (or the environment
 * variable {@value #NATIVE_VARIABLE}) is {@code false}, for operators who allow no native code in the server. JDK
 * 17's own P-256 arithmetic has no precomputed tables and is several times slower again.</li>
 * </ol>
 *
 * <p>The provider is used per signer and verifier through Nimbus' JCA context, never registered with
 * {@link java.security.Security}: nothing else in the JVM (or the application server) changes behaviour. ACCP is
 * reached by reflection, so this class compiles and runs where its jar is absent.
 */
final class Jca {

    /** Set to {@code false} to keep native code out: Bouncy Castle is used then. Read once, when the class loads. */
    static final String NATIVE_PROPERTY = "portico.crypto.native";

    private static final System.Logger LOG = System.getLogger(Jca.class.getName());

    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** One instance: building a provider registers hundreds of algorithms, and instances are thread-safe. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** The same switch as an environment variable, as for Portico's other settings. */
    static final String NATIVE_VARIABLE = "PORTICO_CRYPTO_NATIVE";

    private static final Provider EC = chooseEc(
            System.getProperty(NATIVE_PROPERTY, System.getenv().getOrDefault(NATIVE_VARIABLE, "true")));

    private Jca() {
    }

    /** The signer or verifier, set to use the fastest ECDSA provider that works here. */
    static <T extends JCAAware<JCAContext>> T forEc(T signerOrVerifier) {
        signerOrVerifier.getJCAContext().setProvider(EC);
        return signerOrVerifier;
    }

    /** The provider for ECDSA, given the value of {@value #NATIVE_PROPERTY}. */
    static Provider chooseEc(String nativeSetting) {
        if ("false".equalsIgnoreCase(nativeSetting.strip())) {
            LOG.log(Level.INFO, "ECDSA on Bouncy Castle ({0}=false)", NATIVE_PROPERTY);
            return BOUNCY_CASTLE;
        }
        Provider chosen = nativeProvider().orElse(BOUNCY_CASTLE);
        LOG.log(Level.INFO, "ECDSA on {0}", chosen.getName());
        return chosen;
    }

    /** ACCP, if its jar is there, its native library loaded, and it signs what Bouncy Castle verifies and back. */
    static Optional<Provider> nativeProvider() {
        Provider accp;
        try {
            Class<?> type = Class.forName(ACCP, true, Jca.class.getClassLoader());
            accp = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                LOG.log(Level.INFO, "native crypto not available here, using Bouncy Castle: {0}", loadingError);
                return Optional.empty();
            }
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException broken) {
            LOG.log(Level.WARNING, "native crypto could not be loaded, using Bouncy Castle", broken);
            return Optional.empty();
        }
        try {
            agree(accp, BOUNCY_CASTLE);
            agree(BOUNCY_CASTLE, accp);
            return Optional.of(accp);
        } catch (Exception | LinkageError failed) {
            LOG.log(Level.WARNING, "native crypto failed its check against Bouncy Castle, using Bouncy Castle", failed);
            return Optional.empty();
        }
    }

    /** Signs with one provider and verifies with the other, on a fresh P-256 key; throws unless it checks out. */
    private static void agree(Provider signing, Provider verifying) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = "portico: do the providers agree?".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance("SHA256withECDSA", signing);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA", verifying);
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException(verifying.getName() + " rejected a signature by " + signing.getName());
        }
        message[0] ^= 1;
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        if (verifier.verify(signature)) {
            throw new IllegalStateException(verifying.getName() + " accepted a signature over another message");
        }
    }
}

package org.portico.deeplink.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.OctetKeyPair;

/** The JDK-based Ed25519 signer and verifier against the test vectors of RFC 8037 appendix A. */
class JdkEd25519Test {

    private static final String JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    private static final String JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    @Test
    void signsExactlyAsRfc8037AppendixA4() throws Exception {
        OctetKeyPair key = OctetKeyPair.parse(JWK);
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA), new Payload("Example of Ed25519 signing"));
        jws.sign(KeyMaterial.signer(key));
        assertEquals(JWS, jws.serialize());
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", key.computeThumbprint().toString());
    }

    @Test
    void verifiesTheRfcSignatureAndRejectsAnAlteredOne() throws Exception {
        OctetKeyPair key = OctetKeyPair.parse(JWK).toPublicJWK();
        var verifier = KeyMaterial.verifier(key, KeyMaterial.publicKey(key));
        assertTrue(JWSObject.parse(JWS).verify(verifier));
        assertFalse(JWSObject.parse(JWS.replace("RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc", "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmC"))
                .verify(verifier));
    }
}

package org.portico.deeplink.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JcaTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onLinuxX8664TheNativeProviderLoadsAndAgreesWithBouncyCastle() {
        assertTrue(Jca.nativeProvider().isPresent(), "the build adds ACCP on this platform; it must load and agree");
        assertEquals("AmazonCorrettoCryptoProvider", Jca.chooseEc("true").getName());
    }

    @Test
    void switchedOffItIsBouncyCastle() {
        assertEquals("BC", Jca.chooseEc("false").getName());
        assertEquals("BC", Jca.chooseEc(" FALSE ").getName());
    }

    @Test
    void whatTheChosenProviderSignsAPlainJdkVerifierAccepts() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"sub\":\"alice\"}"));
        jws.sign(Jca.forEc(new ECDSASigner(key)));

        JWSObject parsed = JWSObject.parse(jws.serialize());
        assertTrue(parsed.verify(new ECDSAVerifier(key.toPublicJWK())), "the JDK's own provider verifies it");
        assertTrue(parsed.verify(Jca.forEc(new ECDSAVerifier(key.toPublicJWK()))));

        JWSObject other = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"sub\":\"mallory\"}"));
        JWSObject forged = new JWSObject(other.getHeader().toBase64URL(), other.getPayload().toBase64URL(),
                parsed.getSignature());
        assertFalse(forged.verify(Jca.forEc(new ECDSAVerifier(key.toPublicJWK()))), "a signature over another payload");
    }
}

package org.portico.cdn.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA public keys as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo, 64 characters a line): the
 * form CloudFront's console and {@code aws cloudfront create-public-key} take, and {@code openssl rsa -pubout} writes.
 * Stateless.
 */
public final class PublicKeyPem {

    private static final Pattern PEM = Pattern.compile(
            "\\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]{1,8192})-----END PUBLIC KEY-----\\s*");

    private PublicKeyPem() {
    }

    /** The key as PEM, lines ending in {@code \n}. */
    public static String encode(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The RSA public key of a PEM text; empty for any other text (never throws on garbage). */
    public static Optional<RSAPublicKey> decode(String pem) {
        Matcher matcher = pem == null ? null : PEM.matcher(pem);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return key instanceof RSAPublicKey rsa ? Optional.of(rsa) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

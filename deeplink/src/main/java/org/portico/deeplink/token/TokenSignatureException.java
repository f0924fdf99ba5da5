package org.portico.deeplink.token;

/** The signature cannot be trusted: unsupported algorithm, unknown key or a signature that does not verify. Immutable. */
public final class TokenSignatureException extends TokenRejectedException {

    private static final long serialVersionUID = 1L;

    TokenSignatureException(Reason reason) {
        super(reason);
    }
}

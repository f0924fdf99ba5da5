package org.portico.web.app;

import java.util.Arrays;
import java.util.Optional;

/** How an app proves who it is at Portico's token endpoint (OAuth {@code token_endpoint_auth_method} values). */
public enum ClientAuthentication {

    /** A secret Portico generates; Portico keeps only its keyed hash. */
    CLIENT_SECRET("client_secret", "Client secret"),
    /** A JWT signed with the app's private key, verified with the keys at the app's JWKS URL. */
    PRIVATE_KEY_JWT("private_key_jwt", "Private key JWT");

    private final String methodName;
    private final String label;

    ClientAuthentication(String methodName, String label) {
        this.methodName = methodName;
        this.label = label;
    }

    public String methodName() {
        return methodName;
    }

    public String label() {
        return label;
    }

    public static Optional<ClientAuthentication> findByName(String methodName) {
        return Arrays.stream(values()).filter(method -> method.methodName.equals(methodName)).findFirst();
    }
}

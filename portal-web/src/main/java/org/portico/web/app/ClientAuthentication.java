package org.portico.web.app;

import java.util.Arrays;
import java.util.Optional;

/** How an app proves who it is at Portico's token endpoint (OAuth {@code token_endpoint_auth_method} values). */
public enum ClientAuthentication {

    /** A secret Portico generates; Portico keeps only its keyed hash. */
    CLIENT_SECRET("client_secret"),
    /** A JWT signed with the app's private key, verified with the keys at the app's JWKS URL. */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String methodName;

    ClientAuthentication(String methodName) {
        this.methodName = methodName;
    }

    public String methodName() {
        return methodName;
    }

    public static Optional<ClientAuthentication> findByName(String methodName) {
        return Arrays.stream(values()).filter(method -> method.methodName.equals(methodName)).findFirst();
    }
}

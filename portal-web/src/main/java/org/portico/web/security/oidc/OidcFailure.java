package org.portico.web.security.oidc;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an OpenID Connect login did not happen, as the user is told on the login page. The code travels in the
 * login page's URL ({@code ?oidc=unavailable}); the text is written here, so nothing from the URL is ever shown.
 */
public enum OidcFailure {

    UNAVAILABLE("unavailable", "%s can't be reached right now. Try again in a few minutes, or log in with your"
            + " Portico username and password."),
    DENIED("denied", "Sign-in at %s was cancelled."),
    EXPIRED("expired", "That sign-in took too long or was started in another window. Please try again."),
    NO_ACCESS("no-access", "Your %s account has no access to Portico. Ask your administrator for access."),
    DISABLED("disabled", "Your Portico account is disabled. Ask your administrator."),
    FAILED("failed", "Sign-in with %s did not work. Please try again.");

    private final String code;
    private final String message;

    OidcFailure(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    /** The sentence for the login page, naming the provider as configured. */
    public String message(String providerName) {
        return message.formatted(providerName);
    }

    public static Optional<OidcFailure> findByCode(String code) {
        return Arrays.stream(values()).filter(failure -> failure.code.equals(code)).findFirst();
    }
}

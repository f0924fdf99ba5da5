package org.portico.web.security.oidc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.portico.web.i18n.Texts;

/**
 * Why an OpenID Connect login did not happen, as the user is told on the login page. The code travels in the
 * login page's URL ({@code ?oidc=unavailable}); the text comes from the bundle ({@code login.oidc.*}), so nothing from
 * the URL is ever shown.
 */
public enum OidcFailure {

    UNAVAILABLE("unavailable", "login.oidc.unavailable"),
    DENIED("denied", "login.oidc.denied"),
    EXPIRED("expired", "login.oidc.expired"),
    NO_ACCESS("no-access", "login.oidc.noAccess"),
    DISABLED("disabled", "login.oidc.disabled"),
    FAILED("failed", "login.oidc.failed");

    private final String code;
    private final String messageKey;

    OidcFailure(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    public String code() {
        return code;
    }

    /** The sentence for the login page in the page's language, naming the provider as configured ({0}). */
    public String message(Locale locale, String providerName) {
        return Texts.format(locale, messageKey, providerName);
    }

    public static Optional<OidcFailure> findByCode(String code) {
        return Arrays.stream(values()).filter(failure -> failure.code.equals(code)).findFirst();
    }
}

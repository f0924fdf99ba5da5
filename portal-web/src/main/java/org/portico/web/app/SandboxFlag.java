package org.portico.web.app;

import java.util.Arrays;
import java.util.Optional;

/**
 * The iframe {@code sandbox} flags a site admin may allow for an app's panes: a fixed choice, by the token the
 * {@code sandbox} attribute carries. A pane gets exactly the flags its app allows, nothing else (an empty set is the
 * strictest sandbox).
 */
public enum SandboxFlag {

    ALLOW_SCRIPTS("allow-scripts"),
    ALLOW_SAME_ORIGIN("allow-same-origin"),
    ALLOW_FORMS("allow-forms"),
    ALLOW_POPUPS("allow-popups"),
    ALLOW_POPUPS_TO_ESCAPE_SANDBOX("allow-popups-to-escape-sandbox"),
    ALLOW_DOWNLOADS("allow-downloads"),
    ALLOW_MODALS("allow-modals");

    private final String token;

    SandboxFlag(String token) {
        this.token = token;
    }

    /** The flag as the {@code sandbox} attribute, the database and the REST API write it, e.g. {@code allow-forms}. */
    public String token() {
        return token;
    }

    public static Optional<SandboxFlag> findByToken(String token) {
        return Arrays.stream(values()).filter(flag -> flag.token.equals(token)).findFirst();
    }
}

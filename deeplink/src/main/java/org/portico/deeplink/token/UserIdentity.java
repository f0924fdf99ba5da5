package org.portico.deeplink.token;

import java.util.Objects;
import java.util.Set;

/**
 * The user a token speaks for, as far as tokens are concerned.
 *
 * <p>Immutable and thread-safe; roles are copied.
 *
 * @param username the stable user id, the token's {@code sub}; 1 to 255 characters without control characters
 * @param name     display name, or null when unknown
 * @param email    e-mail address, or null when unknown
 * @param roles    Portico roles ({@code end-user}, {@code content-editor}, {@code site-admin})
 */
public record UserIdentity(String username, String name, String email, Set<String> roles) {

    /** @throws IllegalArgumentException when the username is empty, too long or has control characters */
    public UserIdentity {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty() || username.length() > 255 || username.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("username must be 1 to 255 characters without control characters");
        }
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }
}

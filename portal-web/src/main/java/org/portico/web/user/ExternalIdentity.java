package org.portico.web.user;

import java.util.EnumSet;
import java.util.Set;


/**
 * A person as an OpenID provider states them at login, already mapped to Portico roles.
 *
 * @param issuer            the provider's issuer URL; with {@code subject} the user's stable identity
 * @param subject           the provider's id for the user ({@code sub}), never reassigned by the provider
 * @param preferredUsername what the provider suggests as username ({@code preferred_username}, else {@code sub})
 * @param displayName       full name, or the preferred username when the provider gives none
 * @param email             e-mail address, or {@code null}
 * @param roles             the Portico roles from the role mapping; not empty
 */
public record ExternalIdentity(String issuer, String subject, String preferredUsername, String displayName,
                               String email, Set<Role> roles) {

    public ExternalIdentity {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }
}

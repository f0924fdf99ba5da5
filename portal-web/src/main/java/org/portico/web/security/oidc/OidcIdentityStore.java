package org.portico.web.security.oidc;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.portico.web.user.Role;
import org.portico.web.user.ExternalAccounts;
import org.portico.web.user.ExternalIdentity;

/**
 * Validates an {@link OidcCredential}: redeems the code at the provider, maps the provider's groups to roles,
 * provisions or refreshes the linked Portico user and hands its username and roles to Jakarta Security. The form
 * login's {@code UserIdentityStore} ignores this credential and this store ignores passwords. Both keep the default
 * validation types (validate and provide groups): the identity store handler takes the groups only from a store
 * that provides groups, so a validate-only store here would log users in without any role.
 */
@ApplicationScoped
public class OidcIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(OidcIdentityStore.class.getName());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Inject
    OidcClient client;

    @Inject
    OidcSettings settings;

    @Inject
    OidcSession session;

    @Inject
    ExternalAccounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof OidcCredential oidc)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            OidcTokens tokens = client.redeem(oidc);
            Set<Role> roles = settings.roles().rolesFor(tokens.claims());
            if (roles.isEmpty()) {
                throw new OidcLoginException(OidcFailure.NO_ACCESS, "No Portico role for " + tokens.subject() + ": claim '"
                        + settings.roles().claim() + "' has " + settings.roles().providerValues(tokens.claims())
                        + ", none of them mapped, and portico.oidc.default-role is none");
            }
            ExternalIdentity identity = identity(tokens, roles);
            String username = accounts.signIn(identity)
                    .orElseThrow(() -> new OidcLoginException(OidcFailure.DISABLED, "The user linked to "
                            + tokens.subject() + " at " + tokens.issuer() + " is disabled"))
                    .getUsername();
            session.loggedIn(tokens.idToken());
            LOG.info(() -> "OpenID Connect login of '" + username + "' (" + tokens.subject() + ") with roles " + roles);
            return new CredentialValidationResult(username, roles.stream().map(Role::roleName).collect(Collectors.toSet()));
        } catch (OidcLoginException e) {
            LOG.warning(() -> "OpenID Connect login refused (" + e.failure().code() + "): " + e.getMessage());
            oidc.refused(e.failure());
            return CredentialValidationResult.INVALID_RESULT;
        }
    }

    static ExternalIdentity identity(OidcTokens tokens, Set<Role> roles) {
        String preferred = tokens.findClaim("preferred_username").orElse(tokens.subject());
        String name = tokens.findClaim("name")
                .or(() -> tokens.findClaim("given_name")
                        .map(given -> (given + " " + tokens.findClaim("family_name").orElse("")).strip()))
                .orElse(preferred);
        String email = tokens.findClaim("email").filter(e -> e.length() <= 254 && EMAIL.matcher(e).matches()).orElse(null);
        return new ExternalIdentity(tokens.issuer(), tokens.subject(), preferred,
                name.length() > 100 ? name.substring(0, 100) : name, email, EnumSet.copyOf(roles));
    }
}

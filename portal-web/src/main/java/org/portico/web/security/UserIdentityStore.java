package org.portico.web.security;

import org.portico.web.user.Role;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

/** Validates username and password against the built-in user store and hands the user's roles as groups. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    @Inject
    UserService users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return users.authenticate(login.getCaller(), login.getPasswordAsString())
                .map(user -> new CredentialValidationResult(user.getUsername(), groups(user)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private static Set<String> groups(UserAccount user) {
        return user.getRoles().stream().map(Role::roleName).collect(Collectors.toUnmodifiableSet());
    }
}

package org.portico.web.security;

import org.portico.web.user.Role;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.token.UserIdentity;
import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

/** The person behind the current request, for pages and the navigation: {@code #{currentUser}}. */
@Named
@RequestScoped
public class CurrentUser implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext securityContext;

    @Inject
    UserService users;

    @Inject
    HttpServletRequest request;

    private transient Optional<UserAccount> account;

    /**
     * Asks the servlet request, not {@code SecurityContext#getCallerPrincipal()}: on WildFly the latter answers
     * an "anonymous" principal for guests.
     */
    public boolean isLoggedIn() {
        return request.getUserPrincipal() != null;
    }

    public Optional<UserAccount> find() {
        if (account == null) {
            account = isLoggedIn()
                    ? users.findByUsername(request.getUserPrincipal().getName())
                    : Optional.empty();
        }
        return account;
    }

    public String getUsername() {
        return isLoggedIn() ? request.getUserPrincipal().getName() : null;
    }

    public String getDisplayName() {
        return find().map(UserAccount::getDisplayName).orElse(getUsername());
    }

    /** The roles the container granted at login, in the order of {@link Role}. */
    public List<Role> getRoles() {
        return Arrays.stream(Role.values()).filter(role -> securityContext.isCallerInRole(role.roleName())).toList();
    }

    /** The user as Portico's tokens describe them; only for a logged-in user. */
    public UserIdentity identity() {
        return identity(getUsername(), getDisplayName(), find().map(UserAccount::getEmail).orElse(null),
                securityContext::isCallerInRole);
    }

    /**
     * A logged-in user as Portico's tokens describe them, with the {@link Role}s for which {@code inRole} answers
     * true (what the container granted at login). Also what the link hop builds from its cached profiles.
     */
    public static UserIdentity identity(String username, String displayName, String email, Predicate<String> inRole) {
        return new UserIdentity(username, displayName, email, Arrays.stream(Role.values()).map(Role::roleName)
                .filter(inRole).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean hasRole(String roleName) {
        return securityContext.isCallerInRole(roleName);
    }

    public boolean isSiteAdmin() {
        return hasRole(Role.Names.SITE_ADMIN);
    }

    public boolean isContentEditor() {
        return hasRole(Role.Names.CONTENT_EDITOR);
    }
}

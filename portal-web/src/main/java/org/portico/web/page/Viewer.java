package org.portico.web.page;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;

/**
 * Who is looking at a page, as the pages' and widgets' role lists name them: the user's role names, or
 * {@value #GUEST} for someone not logged in.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    /** What a page or widget lists to be shown to people who are not logged in. */
    public static final String GUEST = "guest";

    @Inject
    CurrentUser currentUser;

    public Set<String> roles() {
        if (!currentUser.isLoggedIn()) {
            return Set.of(GUEST);
        }
        Set<String> roles = new HashSet<>();
        for (Role role : currentUser.getRoles()) {
            roles.add(role.roleName());
        }
        return roles;
    }

    /** The user's name, or empty for a guest. */
    public String username() {
        return currentUser.isLoggedIn() ? currentUser.getUsername() : "";
    }
}

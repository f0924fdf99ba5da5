package org.portico.web.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.portico.web.security.CurrentUser;

/**
 * The check every {@code /api/admin/*} resource makes first: {@code /api} is outside the {@code /admin/*} page
 * constraint of web.xml (API clients want problem+json, not the login page), so the role is checked here.
 * 401 for guests, 403 for users without the site-admin role.
 */
@RequestScoped
public class AdminGuard {

    @Inject
    CurrentUser currentUser;

    public void requireSiteAdmin() {
        if (!currentUser.isLoggedIn()) {
            throw new ApiProblemException(401, "Log in to Portico first.");
        }
        if (!currentUser.isSiteAdmin()) {
            throw new ApiProblemException(403, "Only site admins may do this.");
        }
    }
}

package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;

/** {@code GET /api/me}: who the browser session belongs to, for scripts in portal pages. 401 when nobody. */
@Path("me")
@RequestScoped
@RolesAllowed(Role.Names.ANY_USER)
public class MeResource {

    @Inject
    CurrentUser currentUser;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        currentUser.getRoles().stream().map(Role::roleName).forEach(roles::add);
        return JSON.createObjectBuilder()
                .add("username", currentUser.getUsername())
                .add("name", currentUser.getDisplayName())
                .add("roles", roles)
                .build();
    }
}

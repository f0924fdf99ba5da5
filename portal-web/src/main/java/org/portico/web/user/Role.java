package org.portico.web.user;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three roles Portico knows. The role name is what Jakarta Security, {@code web.xml} and
 * {@code HttpServletRequest#isUserInRole} see; it is also what the database stores.
 */
public enum Role {

    END_USER(Role.Names.END_USER, "End-user"),
    CONTENT_EDITOR(Role.Names.CONTENT_EDITOR, "Content editor"),
    SITE_ADMIN(Role.Names.SITE_ADMIN, "Site admin");

    /** Role names as compile-time constants, for annotations such as {@code @RolesAllowed}. */
    public static final class Names {
        public static final String END_USER = "end-user";
        public static final String CONTENT_EDITOR = "content-editor";
        public static final String SITE_ADMIN = "site-admin";
        /** Any logged-in user, whatever their roles: the Servlet specification's {@code **}. */
        public static final String ANY_USER = "**";

        private Names() {
        }
    }

    private final String roleName;
    private final String label;

    Role(String roleName, String label) {
        this.roleName = roleName;
        this.label = label;
    }

    public String roleName() {
        return roleName;
    }

    public String label() {
        return label;
    }

    /** Finds the role with the given name as stored and used by the container, e.g. {@code site-admin}. */
    public static Optional<Role> findByName(String roleName) {
        return Arrays.stream(values()).filter(role -> role.roleName.equals(roleName)).findFirst();
    }
}

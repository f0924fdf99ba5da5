package org.portico.web.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.faces.context.FacesContext;

import org.portico.web.i18n.Texts;

/**
 * The three roles Portico knows. The role name is what Jakarta Security, {@code web.xml} and
 * {@code HttpServletRequest#isUserInRole} see; it is also what the database stores.
 */
public enum Role {

    END_USER(Role.Names.END_USER, "common.role.endUser"),
    CONTENT_EDITOR(Role.Names.CONTENT_EDITOR, "common.role.contentEditor"),
    SITE_ADMIN(Role.Names.SITE_ADMIN, "common.role.siteAdmin");

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
    private final String labelKey;

    Role(String roleName, String labelKey) {
        this.roleName = roleName;
        this.labelKey = labelKey;
    }

    public String roleName() {
        return roleName;
    }

    /** What people call the role, in the language of the page being rendered (English outside a page). */
    public String label() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return label(faces == null || faces.getViewRoot() == null ? Locale.ENGLISH : faces.getViewRoot().getLocale());
    }

    /** What people call the role in this language ({@code common.role.*}): "Site admin", "Site-Admin". */
    public String label(Locale locale) {
        return Texts.format(locale, labelKey);
    }

    /** Finds the role with the given name as stored and used by the container, e.g. {@code site-admin}. */
    public static Optional<Role> findByName(String roleName) {
        return Arrays.stream(values()).filter(role -> role.roleName.equals(roleName)).findFirst();
    }
}

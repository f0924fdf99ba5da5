package org.portico.web.user;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What people call the roles, in their language (the bundle's common.role.*). */
class RoleTest {

    @Test
    void rolesAreNamedInTheReadersLanguage() {
        assertAll(
                () -> assertEquals("Site admin", Role.SITE_ADMIN.label(Locale.ENGLISH)),
                () -> assertEquals("Content editor", Role.CONTENT_EDITOR.label(Locale.ENGLISH)),
                () -> assertEquals("End-user", Role.END_USER.label(Locale.ENGLISH)),
                () -> assertEquals("Redakteur", Role.CONTENT_EDITOR.label(Locale.GERMAN)),
                () -> assertEquals("Site-Admin", Role.SITE_ADMIN.label(Locale.GERMAN)));
    }
}

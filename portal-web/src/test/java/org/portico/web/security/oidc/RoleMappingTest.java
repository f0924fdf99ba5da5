package org.portico.web.security.oidc;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.web.user.Role;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleMappingTest {

    private static final String MAPPING = "portal-users=end-user, editors=content-editor,admins=site-admin,admins=end-user";

    @Test
    void mappedGroupsBecomeRolesOnTopOfTheDefaultRole() {
        RoleMapping roles = RoleMapping.parse("groups", MAPPING, "end-user");

        assertAll(
                () -> assertEquals(EnumSet.of(Role.END_USER, Role.SITE_ADMIN), roles.rolesFor(Map.of("groups", List.of("admins", "other")))),
                () -> assertEquals(EnumSet.of(Role.END_USER, Role.CONTENT_EDITOR), roles.rolesFor(Map.of("groups", "editors"))),
                () -> assertEquals(EnumSet.of(Role.END_USER), roles.rolesFor(Map.of("groups", List.of("unmapped")))),
                () -> assertEquals(EnumSet.of(Role.END_USER), roles.rolesFor(Map.of())));
    }

    @Test
    void withDefaultRoleNoneAUserWithoutMappedGroupsGetsNoRoleAndMayNotLogIn() {
        RoleMapping roles = RoleMapping.parse("groups", MAPPING, "none");

        assertAll(
                () -> assertEquals(Set.of(), roles.rolesFor(Map.of("groups", List.of("unmapped")))),
                () -> assertEquals(EnumSet.of(Role.END_USER), roles.rolesFor(Map.of("groups", List.of("portal-users")))));
    }

    @Test
    void aDottedPathReachesKeycloakRealmRoles() {
        RoleMapping roles = RoleMapping.parse("realm_access.roles", "portal-admin=site-admin", "none");

        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("offline_access", "portal-admin")));

        assertEquals(EnumSet.of(Role.SITE_ADMIN), roles.rolesFor(claims));
    }

    @Test
    void aClaimWhoseNameHasDotsIsFoundByItsFullNameFirst() {
        RoleMapping roles = RoleMapping.parse("https://portico.example/groups", "admins=site-admin", "none");

        assertEquals(EnumSet.of(Role.SITE_ADMIN), roles.rolesFor(Map.of("https://portico.example/groups", List.of("admins"))));
    }

    @Test
    void valuesOfTheWrongShapeAreIgnored() {
        RoleMapping roles = RoleMapping.parse("groups", "admins=site-admin", "none");

        assertAll(
                () -> assertEquals(Set.of(), roles.rolesFor(Map.of("groups", 42))),
                () -> assertEquals(Set.of(), roles.rolesFor(Map.of("groups", Map.of("admins", true)))),
                () -> assertEquals(EnumSet.of(Role.SITE_ADMIN), roles.rolesFor(Map.of("groups", List.of(7, "admins")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "admins=", "=site-admin", "admins=root", "a=end-user,,b=end-user"})
    void aMalformedMappingStopsStartUpWithAValidExample(String mapping) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RoleMapping.parse("groups", mapping, "end-user"));

        assertAll(
                () -> assertTrue(e.getMessage().startsWith("portico.oidc.role-mapping must be"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("'portal-users=end-user,admins=site-admin'"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("got '" + mapping + "'"), e.getMessage()));
    }

    @Test
    void anUnknownDefaultRoleOrABadClaimPathStopsStartUp() {
        assertAll(
                () -> assertTrue(assertThrows(IllegalStateException.class, () -> RoleMapping.parse("groups", "", "admin"))
                        .getMessage().contains("portico.oidc.default-role must be one of end-user, content-editor, site-admin or none")),
                () -> assertTrue(assertThrows(IllegalStateException.class, () -> RoleMapping.parse("groups..x", "", "none"))
                        .getMessage().contains("such as 'groups' or 'realm_access.roles', got 'groups..x'")));
    }
}

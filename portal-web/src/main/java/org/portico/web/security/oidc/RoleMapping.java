package org.portico.web.security.oidc;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.portico.web.user.Role;

/**
 * Turns the roles or groups an identity provider states about a user into Portico roles.
 * <p>
 * The provider's values are read from one claim, given as a name ({@code groups}) or as a dotted path into nested
 * objects ({@code realm_access.roles}, Keycloak's realm roles); a claim whose own name contains dots (a namespaced
 * claim such as {@code https://example.org/groups}) is found by its full name first. The claim may hold a list of
 * strings or a single string. Each value is looked up in the mapping ({@code admins=site-admin}); the
 * {@linkplain #defaultRole() default role}, if any, is granted to every user on top of the mapped ones.
 * <p>
 * A user who ends up with no role may not log in: that happens only when the default role is {@code none} and no
 * value of the user's claim is mapped. Immutable and thread-safe.
 */
public record RoleMapping(String claim, Map<String, Set<Role>> mapping, Optional<Role> defaultRole) {

    static final String CLAIM_KEY = "portico.oidc.roles-claim";
    static final String MAPPING_KEY = "portico.oidc.role-mapping";
    static final String DEFAULT_ROLE_KEY = "portico.oidc.default-role";

    private static final Pattern CLAIM_PATH = Pattern.compile("[A-Za-z0-9_:/-]+(\\.[A-Za-z0-9_:/-]+)*");
    private static final String ROLE_NAMES = Arrays.stream(Role.values()).map(Role::roleName).collect(Collectors.joining(", "));

    public RoleMapping {
        Map<String, Set<Role>> copy = new LinkedHashMap<>();
        mapping.forEach((group, roles) -> copy.put(group, Set.copyOf(roles)));
        mapping = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the three settings, as written in the configuration.
     *
     * @param claim       the claim path, e.g. {@code groups}
     * @param mapping     {@code idp-value=role} pairs separated by commas, e.g.
     *                    {@code portal-users=end-user,admins=site-admin}; blank for none
     * @param defaultRole a role name, or {@code none}
     * @throws IllegalStateException naming the setting and showing a valid value, if any of them is malformed
     */
    public static RoleMapping parse(String claim, String mapping, String defaultRole) {
        String path = claim.strip();
        if (!CLAIM_PATH.matcher(path).matches()) {
            throw new IllegalStateException(CLAIM_KEY + " must be a claim name or a dotted path to a claim, such as"
                    + " 'groups' or 'realm_access.roles', got '" + claim + "'");
        }
        return new RoleMapping(path, parseMapping(mapping), parseDefaultRole(defaultRole));
    }

    private static Map<String, Set<Role>> parseMapping(String mapping) {
        Map<String, Set<Role>> result = new LinkedHashMap<>();
        if (mapping == null || mapping.isBlank()) {
            return result;
        }
        for (String entry : mapping.split(",")) {
            String[] pair = entry.split("=", -1);
            Optional<Role> role = pair.length == 2 ? Role.findByName(pair[1].strip()) : Optional.empty();
            if (pair.length != 2 || pair[0].isBlank() || role.isEmpty()) {
                throw new IllegalStateException(MAPPING_KEY + " must be comma-separated idp-value=role pairs with a role"
                        + " out of " + ROLE_NAMES + ", such as 'portal-users=end-user,admins=site-admin', got '"
                        + mapping + "' (at '" + entry.strip() + "')");
            }
            result.computeIfAbsent(pair[0].strip(), group -> EnumSet.noneOf(Role.class)).add(role.get());
        }
        return result;
    }

    private static Optional<Role> parseDefaultRole(String defaultRole) {
        String name = defaultRole.strip();
        if ("none".equals(name)) {
            return Optional.empty();
        }
        return Optional.of(Role.findByName(name).orElseThrow(() -> new IllegalStateException(DEFAULT_ROLE_KEY
                + " must be one of " + ROLE_NAMES + " or none, such as 'end-user', got '" + defaultRole + "'")));
    }

    /** The values of the roles claim in these claims (ID token and user info merged); empty if there is none. */
    public Set<String> providerValues(Map<String, Object> claims) {
        Object value = claims.containsKey(claim) ? claims.get(claim) : walk(claims, claim.split("\\."));
        if (value instanceof String single) {
            return Set.of(single);
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    private static Object walk(Map<String, Object> claims, String[] path) {
        Object current = claims;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }

    /** The Portico roles for these claims: the mapped ones plus the default role; empty means "may not log in". */
    public Set<Role> rolesFor(Map<String, Object> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        defaultRole.ifPresent(roles::add);
        for (String value : providerValues(claims)) {
            roles.addAll(mapping.getOrDefault(value, Set.of()));
        }
        return roles;
    }
}

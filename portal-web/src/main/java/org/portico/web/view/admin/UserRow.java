package org.portico.web.view.admin;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import org.portico.web.user.UserAccount;
import org.portico.web.user.Role;

/** One line of the admin user list: a serializable snapshot, so the view state never holds entities. */
public record UserRow(long id, String username, String displayName, String email, boolean enabled,
                      List<Role> roles, Instant createdAt) implements Serializable {

    public UserRow {
        roles = List.copyOf(roles);
    }

    static UserRow of(UserAccount user) {
        return new UserRow(user.getId(), user.getUsername(), user.getDisplayName(), user.getEmail(), user.isEnabled(),
                user.getRoles().stream().sorted().toList(), user.getCreatedAt());
    }
}

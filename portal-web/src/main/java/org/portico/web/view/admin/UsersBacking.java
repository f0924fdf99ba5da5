package org.portico.web.view.admin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.portico.web.user.UserAccount;
import org.portico.web.user.Role;
import org.portico.web.user.PasswordPolicy;
import org.portico.web.user.UserRejectedException;
import org.portico.web.user.UserService;
import org.portico.web.user.Usernames;
import org.primefaces.model.LazyDataModel;

/**
 * The site admin's user management: a searchable, paged list; create; edit name, e-mail and roles;
 * enable/disable; reset password. Refusals from {@link UserService} are shown as messages in the open dialog,
 * and the dialog keeps what was typed. The forms' constraint messages are bundle keys
 * ({@link org.portico.web.i18n.BundleMessageInterpolator}).
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserService users;

    private String query;
    private LazyDataModel<UserRow> model;

    private final NewUser newUser = new NewUser();
    private final EditUser editUser = new EditUser();
    private UserRow passwordFor;

    @NotBlank(message = "{admin.users.invalid.new-password-required}")
    @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH, message = "{admin.users.invalid.password-length}")
    private String newPassword;

    @PostConstruct
    void init() {
        model = new SearchTableModel<>("username", () -> users.count(query),
                (first, pageSize, field, ascending) -> users.search(query, first, pageSize, field, ascending).stream()
                        .map(UserRow::of).toList(),
                new SearchTableModel.Keys<>() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String keyOf(UserRow row) {
                        return String.valueOf(row.id());
                    }

                    @Override
                    public UserRow rowFor(String key) {
                        return UserRow.of(users.getById(Long.parseLong(key)));
                    }
                });
    }


    // ---- actions -------------------------------------------------------------------------------------------

    public void prepareCreate() {
        newUser.clear();
    }

    public void create() {
        attempt(() -> {
            UserAccount created = users.create(newUser.getUsername(), newUser.getDisplayName(), newUser.getEmail(),
                    newUser.getPassword(), toSet(newUser.getRoles()));
            Messages.addGlobalInfo("admin.users.created", created.getUsername());
        });
    }

    public void prepareEdit(UserRow row) {
        editUser.load(row);
    }

    public void saveEdit() {
        attempt(() -> {
            users.updateProfile(editUser.getId(), editUser.getDisplayName(), editUser.getEmail());
            users.setRoles(editUser.getId(), toSet(editUser.getRoles()));
            Messages.addGlobalInfo("admin.users.saved", editUser.getUsername());
        });
    }

    public void toggleEnabled(UserRow row) {
        attempt(() -> {
            UserAccount user = users.setEnabled(row.id(), !row.enabled());
            Messages.addGlobalInfo(user.isEnabled() ? "admin.users.enabled" : "admin.users.disabled", user.getUsername());
        });
    }

    public void preparePassword(UserRow row) {
        passwordFor = row;
        newPassword = null;
    }

    public void resetPassword() {
        attempt(() -> {
            users.resetPassword(passwordFor.id(), newPassword);
            Messages.addGlobalInfo("admin.users.password-reset", passwordFor.username());
        });
    }

    /**
     * Runs a change, which says what it did; on refusal shows why at the top of the open dialog (see
     * {@link FormMessages}) and fails validation, so the page keeps the dialog open with what was typed.
     */
    private void attempt(Runnable change) {
        try {
            change.run();
        } catch (UserRejectedException e) {
            FormMessages.ofCurrentForm().refused(e);
            Faces.validationFailed();
        }
    }

    /** The form holds role names (what the checkboxes submit); unknown names are ignored. */
    private static EnumSet<Role> toSet(List<String> roleNames) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (roleNames != null) {
            roleNames.forEach(name -> Role.findByName(name).ifPresent(roles::add));
        }
        return roles;
    }

    // ---- view state ----------------------------------------------------------------------------------------

    public Role[] getAllRoles() {
        return Role.values();
    }

    public String getUsernamePattern() {
        return Usernames.PATTERN;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public LazyDataModel<UserRow> getModel() {
        return model;
    }

    public NewUser getNewUser() {
        return newUser;
    }

    public EditUser getEditUser() {
        return editUser;
    }

    public UserRow getPasswordFor() {
        return passwordFor;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    /** Name and e-mail, as both the create and the edit form have them. */
    public abstract static class ProfileForm implements Serializable {
        private static final long serialVersionUID = 1L;

        @NotBlank(message = "{admin.users.invalid.name-required}")
        @Size(max = 100, message = "{admin.users.invalid.name-length}")
        private String displayName;

        @Email(message = "{admin.users.invalid.email}")
        @Size(max = 254, message = "{admin.users.invalid.email-length}")
        private String email;

        private List<String> roles = new ArrayList<>();

        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        /** Role names, as the checkboxes submit them. */
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles; }
    }

    /** The create form. */
    public static class NewUser extends ProfileForm {
        private static final long serialVersionUID = 1L;

        @NotBlank(message = "{admin.users.invalid.username-required}")
        @Pattern(regexp = Usernames.PATTERN, message = "{admin.users.invalid.username-pattern}")
        private String username;

        @NotBlank(message = "{admin.users.invalid.password-required}")
        @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH, message = "{admin.users.invalid.password-length}")
        private String password;

        NewUser() {
            clear();
        }

        void clear() {
            username = password = null;
            setDisplayName(null);
            setEmail(null);
            setRoles(new ArrayList<>(List.of(Role.END_USER.roleName())));
        }

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    /** The edit form. */
    public static class EditUser extends ProfileForm {
        private static final long serialVersionUID = 1L;

        private long id;
        private String username;

        void load(UserRow row) {
            id = row.id();
            username = row.username();
            setDisplayName(row.displayName());
            setEmail(row.email());
            setRoles(new ArrayList<>(row.roles().stream().map(Role::roleName).toList()));
        }

        public long getId() { return id; }
        public String getUsername() { return username; }
    }
}

package org.portico.web.link;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.token.UserIdentity;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.UserService;

/**
 * The user behind a link request, as link tokens describe them: username and roles from the container (what the
 * login granted), display name and e-mail from the user store, cached for {@link #FRESH_FOR} so that following links
 * in a row does not query the database each time. A changed name or address reaches tokens within that time.
 */
@ApplicationScoped
public class LinkUsers {

    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private record Profile(String name, String email) {
    }

    @Inject
    UserService users;

    private final Cache<String, Profile> profiles = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR).maximumSize(10_000).build();

    /** The logged-in user of this request, or empty for a guest. */
    public Optional<UserIdentity> find(HttpServletRequest request) {
        if (request.getUserPrincipal() == null) {
            return Optional.empty();
        }
        return Optional.of(identity(request.getUserPrincipal().getName(), request::isUserInRole));
    }

    /**
     * A user not logged in yet, as a login would describe them: the roles an identity store granted (e.g. for a
     * sign-on link), display name and e-mail from the user store.
     */
    public UserIdentity identity(String username, Set<String> roles) {
        return identity(username, roles::contains);
    }

    private UserIdentity identity(String username, Predicate<String> inRole) {
        Profile profile = profiles.get(username, name -> users.findByUsername(name)
                .map(user -> new Profile(user.getDisplayName(), user.getEmail()))
                .orElse(new Profile(name, null)));
        return CurrentUser.identity(username, profile.name(), profile.email(), inRole);
    }
}

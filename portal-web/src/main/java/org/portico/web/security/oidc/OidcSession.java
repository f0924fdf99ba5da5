package org.portico.web.security.oidc;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.SessionScoped;

/**
 * What an OpenID Connect login keeps in the HTTP session: the logins sent to the provider and not yet back (a few,
 * so that two tabs may log in at once), and after the login the ID token, which logout hands back to the provider
 * as {@code id_token_hint}. Server-side only; thread-safe.
 */
@SessionScoped
public class OidcSession implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_PENDING = 5;

    private final Map<String, PendingLogin> pending = new LinkedHashMap<>();
    private String idToken;

    public synchronized void add(PendingLogin login) {
        pending.put(login.state(), login);
        while (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
    }

    /** Removes and returns the login with this state, unless it is unknown or too old. A state is good for one use. */
    public synchronized Optional<PendingLogin> take(String state, Instant now) {
        return Optional.ofNullable(state == null ? null : pending.remove(state)).filter(login -> !login.isExpired(now));
    }

    public synchronized void loggedIn(String idToken) {
        this.idToken = idToken;
        pending.clear();
    }

    /** The ID token of the login of this session, if it was an OpenID Connect login. */
    public synchronized Optional<String> findIdToken() {
        return Optional.ofNullable(idToken);
    }
}

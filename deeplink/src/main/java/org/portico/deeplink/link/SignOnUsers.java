package org.portico.deeplink.link;

import java.util.Optional;

import org.portico.deeplink.token.UserIdentity;

/**
 * Finds the user an inbound link from an app trusted for sign-on names, as a login would grant them: the
 * {@link LinkResolver} decides the whole link as this user before anybody is logged in. Looking a user up must have
 * no side effect (no session, no login, no audit entry of a login).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SignOnUsers {

    /**
     * @param link a verified inbound link whose app may log its user in ({@link InboundLink#mayLogIn()})
     * @return the user named by {@code sub} with the roles a login would grant, or empty when nobody may be signed in
     *         under that name (unknown, disabled, or a user that only an external identity provider may vouch for)
     */
    Optional<UserIdentity> find(InboundLink link);
}

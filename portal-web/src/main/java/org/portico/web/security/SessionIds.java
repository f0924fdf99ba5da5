package org.portico.web.security;

import jakarta.servlet.http.HttpSession;

import org.portico.deeplink.random.RandomIds;

/**
 * The {@code sid} that Portico's tokens carry: a random id kept in the session, so that logout can revoke every token
 * of the session. Never the servlet session id itself, which is a credential and changes at login.
 */
public final class SessionIds {

    static final String ATTRIBUTE = "org.portico.sid";

    private SessionIds() {
    }

    /** The session's token id, created on first use. */
    public static String sid(HttpSession session) {
        synchronized (session) {
            Object sid = session.getAttribute(ATTRIBUTE);
            if (sid instanceof String existing) {
                return existing;
            }
            String created = RandomIds.id();
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /** The session's token id if tokens were ever issued in it. */
    public static java.util.Optional<String> find(HttpSession session) {
        return session == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable((String) session.getAttribute(ATTRIBUTE));
    }
}

package org.portico.web.link;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.portico.deeplink.random.RandomIds;

/**
 * The sign-on links a session was asked about ("Continue as alice?"), kept in the session under a random id until the
 * person answers. The id is the form's only reference to the link, so it is also the form's anti-CSRF token: it is
 * 128 random bits, bound to this session, and taken away by the first answer. What is kept is only the link itself
 * (path and query); the answer resolves it again from scratch, so nothing decided when the question was shown is
 * trusted. At most {@link #MAX_OPEN} questions are open per session; an older one makes room for a new one.
 */
final class SignOnChoices {

    /** Open questions per session; a browser with more tabs than this asks again. */
    static final int MAX_OPEN = 5;

    private static final String ATTRIBUTE = SignOnChoices.class.getName();

    /**
     * A question shown to the person.
     *
     * @param link      the link's path and query, as it came in (with its {@code _sig})
     * @param subject   the user the link names
     * @param expiresAt when the link's signature expires; the question goes with it
     */
    record Choice(String link, String subject, Instant expiresAt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private SignOnChoices() {
    }

    /** Remembers the question; returns its id for the form. */
    static String open(HttpSession session, Choice choice) {
        String id = RandomIds.id();
        synchronized (session) {
            LinkedHashMap<String, Choice> open = choices(session);
            while (open.size() >= MAX_OPEN) {
                open.remove(open.keySet().iterator().next());
            }
            open.put(id, choice);
            session.setAttribute(ATTRIBUTE, open);
        }
        return id;
    }

    /** Takes the question away (whatever the answer) if it is open in this session and has not expired. */
    static Optional<Choice> take(HttpSession session, String id, Instant now) {
        if (session == null || id == null) {
            return Optional.empty();
        }
        synchronized (session) {
            LinkedHashMap<String, Choice> open = choices(session);
            Choice choice = open.remove(id);
            session.setAttribute(ATTRIBUTE, open);
            return Optional.ofNullable(choice).filter(c -> now.isBefore(c.expiresAt()));
        }
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Choice> choices(HttpSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        return value instanceof LinkedHashMap<?, ?> map ? (LinkedHashMap<String, Choice>) map : new LinkedHashMap<>();
    }
}

package org.portico.web.user;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a username looks like: lower case letters, digits, dot, dash and underscore; 2 to 64 characters. */
public final class Usernames {

    public static final String PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Usernames() {
    }

    /** Trims and lower-cases what a person typed, so that {@code Alice } and {@code alice} are one user. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the normalised username
     * @throws UserRejectedException.InvalidUser if it does not match {@link #PATTERN}
     */
    public static String require(String username) {
        String normalized = normalize(username);
        if (!VALID.matcher(normalized).matches()) {
            throw new UserRejectedException.InvalidUser("problem.user.username.invalid", String.valueOf(username));
        }
        return normalized;
    }
}

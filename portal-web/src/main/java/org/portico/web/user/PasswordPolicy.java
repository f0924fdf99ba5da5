package org.portico.web.user;

import java.util.Locale;

/**
 * The rules a new password must meet. Length is what matters (NIST SP 800-63B): at least
 * {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH} so that hashing stays cheap, and not the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /**
     * @throws UserRejectedException.WeakPassword with a message that says what a valid password looks like
     */
    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new UserRejectedException.WeakPassword("problem.user.password.too-short", String.valueOf(MIN_LENGTH));
        }
        if (password.length() > MAX_LENGTH) {
            throw new UserRejectedException.WeakPassword("problem.user.password.too-long", String.valueOf(MAX_LENGTH));
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new UserRejectedException.WeakPassword("problem.user.password.contains-username");
        }
    }
}

package org.portico.web.filter;

import java.security.SecureRandom;

/**
 * Short, unambiguous ids that tie an error shown to a person or an API client to the server's log line,
 * e.g. {@code 7Q2K-M9XD-4HPA}: 12 characters of Crockford base32 (60 random bits), easy to read out.
 */
public final class CorrelationIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CorrelationIds() {
    }

    public static String next() {
        long bits = RANDOM.nextLong();
        StringBuilder id = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                id.append('-');
            }
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return id.toString();
    }
}

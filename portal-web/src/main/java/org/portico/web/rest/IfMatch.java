package org.portico.web.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * The number a change was made on, from {@code If-Match}, for resources whose {@code ETag} is a strong tag of a
 * number ({@code "3"}): a page's revision, a CMS item's lock.
 */
final class IfMatch {

    private static final Pattern STRONG_NUMBER = Pattern.compile("\"(\\d{1,18})\"");

    private IfMatch() {
    }

    /**
     * The number in {@code If-Match}: 428 ({@code required}) without one, or with {@code *}, which names none; 412
     * ({@code invalid}) for anything but one strong tag of the form {@code ETag} has — a weak one never matches
     * (RFC 9110).
     */
    static long number(HttpHeaders headers, String required, String invalid) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new ApiProblemException(428, required);
        }
        Matcher number = STRONG_NUMBER.matcher(ifMatch.strip());
        if (!number.matches()) {
            throw new ApiProblemException(412, invalid);
        }
        return Long.parseLong(number.group(1));
    }
}

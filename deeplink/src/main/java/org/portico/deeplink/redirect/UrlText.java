package org.portico.deeplink.redirect;

import java.util.ArrayDeque;
import java.util.Deque;

import org.portico.deeplink.redirect.RedirectRejectedException.Reason;

/** Character, escape and dot-segment checks shared by local and app targets. Stateless. */
final class UrlText {

    private UrlText() {
    }

    /**
     * Rejects everything outside RFC 3986's printable set: controls, whitespace, backslash, non-ASCII (so look-alike
     * Unicode hosts and full-width dots never reach a parser) and {@code " < > ^ ` { | }}.
     */
    static void requireUrlCharacters(String text, boolean allowBrackets) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUrlCharacter(c) && !(allowBrackets && (c == '[' || c == ']'))) {
                throw new RedirectRejectedException(Reason.ILLEGAL_CHARACTER);
            }
        }
    }

    private static boolean isUrlCharacter(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "-._~:/?#@!$&'()*+,;=%".indexOf(c) >= 0;
    }

    /**
     * Checks that every {@code %} starts a well-formed escape and that no escape hides a control character. In a path
     * ({@code strictPath}) escapes of {@code / \ . %} are rejected too: decoded by a proxy, a servlet container or a
     * second hop they turn into {@code //host}, {@code \\host}, {@code ..} or a double-encoded version of either.
     */
    static void requireSafeEscapes(String text, boolean strictPath) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length()) {
                throw new RedirectRejectedException(Reason.ENCODED_DELIMITER);
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw new RedirectRejectedException(Reason.ENCODED_DELIMITER);
            }
            int decoded = high * 16 + low;
            boolean control = decoded < 0x20 || decoded == 0x7F;
            boolean delimiter = decoded == '/' || decoded == '\\' || decoded == '.' || decoded == '%';
            if (control || strictPath && delimiter) {
                throw new RedirectRejectedException(Reason.ENCODED_DELIMITER);
            }
        }
    }

    /**
     * Removes {@code .} and {@code ..} segments (RFC 3986 section 5.2.4) from an absolute path. A {@code ..} that would
     * climb above the root, and dot segments with path parameters ({@code ..;x}, which some containers treat as
     * {@code ..}), are rejected.
     */
    static String removeDotSegments(String absolutePath) {
        String[] segments = absolutePath.substring(1).split("/", -1);
        Deque<String> out = new ArrayDeque<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            String name = dotName(segment);
            if (name.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (name.equals("..")) {
                if (out.isEmpty()) {
                    throw new RedirectRejectedException(Reason.PATH_TRAVERSAL);
                }
                out.removeLast();
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    /** Whether the path has any {@code .} or {@code ..} segment (with or without path parameters). */
    static boolean hasDotSegment(String absolutePath) {
        for (String segment : absolutePath.split("/", -1)) {
            String name = dotName(segment);
            if (name.equals(".") || name.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String dotName(String segment) {
        int semicolon = segment.indexOf(';');
        if (semicolon < 0) {
            return segment;
        }
        String name = segment.substring(0, semicolon);
        if (name.equals(".") || name.equals("..")) {
            throw new RedirectRejectedException(Reason.PATH_TRAVERSAL);
        }
        return name;
    }
}

package org.portico.deeplink.link;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of what arrives in a link and percent-encoding of what goes into a target URL. Stateless.
 *
 * <p>Decoding happens exactly once: {@code %252f} becomes the text {@code %2f}, never a slash. The decoded text must
 * be valid UTF-8 without control characters (CR, LF, NUL and the rest of C0, DEL): they have no business in a link
 * and are the stuff of header and log injection. Encoding leaves only RFC 3986's unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) as they are, so a value can never add a {@code /}, {@code ?}, {@code #}, {@code &},
 * {@code =}, {@code @}, {@code :} or {@code \} to the URL's structure.
 */
final class PercentCoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    /** Thrown when raw text cannot be decoded; the caller turns it into a message about the parameter. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException() {
            super(null, null, false, false);
        }
    }

    /**
     * Decodes {@code raw} once.
     *
     * @param plusIsSpace whether {@code +} stands for a space (query strings, as HTML forms and {@code URLEncoder}
     *                    write them); in a path a {@code +} is a plus
     * @throws MalformedException on a malformed escape, invalid UTF-8, a raw non-ASCII or control character, or a
     *                            decoded control character
     */
    static String decode(String raw, boolean plusIsSpace) throws MalformedException {
        boolean plain = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new MalformedException();
            }
            if (c == '%' || c == '+' && plusIsSpace) {
                plain = false;
            }
        }
        if (plain) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new MalformedException();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedException();
                }
                int b = high * 16 + low;
                if (b < 0x20 || b == 0x7F) {
                    throw new MalformedException();
                }
                bytes.write(b);
                i += 2;
            } else {
                bytes.write(c == '+' && plusIsSpace ? ' ' : c);
            }
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            if (decoded.codePoints().anyMatch(cp -> cp >= 0x80 && cp <= 0x9F)) {
                throw new MalformedException(); // C1 controls, e.g. U+0085 NEXT LINE
            }
            return decoded;
        } catch (CharacterCodingException e) {
            throw new MalformedException();
        }
    }

    /** Encodes every UTF-8 byte of {@code value} except the unreserved characters. */
    static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isUnreserved(b)) {
                if (out != null) {
                    out.append((char) b);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(bytes.length * 3);
                    for (int j = 0; j < i; j++) {
                        out.append((char) bytes[j]);
                    }
                }
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out == null ? value : out.toString();
    }

    private static boolean isUnreserved(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}

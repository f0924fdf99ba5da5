package org.portico.cdn.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of CloudFront's signed-URL format with a canned policy that signer and verifier share: the query
 * parameter names, the policy statement, CloudFront's base64 and the checks of a resource URL and a key pair id.
 * Stateless.
 *
 * <p>The policy statement, without whitespace, UTF-8 (here ASCII: resource URLs are ASCII):
 * <pre>{"Statement":[{"Resource":"&lt;url&gt;","Condition":{"DateLessThan":{"AWS:EpochTime":&lt;expires&gt;}}}]}</pre>
 * signed with SHA-1 and RSA (PKCS #1 v1.5); the signature in base64 with {@code +} → {@code -}, {@code =} →
 * {@code _}, {@code /} → {@code ~}.
 */
final class CannedPolicy {

    static final String EXPIRES = "Expires";
    static final String SIGNATURE = "Signature";
    static final String KEY_PAIR_ID = "Key-Pair-Id";
    /** The JCA name of the signature algorithm of canned policies. */
    static final String ALGORITHM = "SHA1withRSA";
    /** The latest expiry CloudFront takes: a 32-bit epoch second (2038-01-19T03:14:07Z). */
    static final long MAX_EXPIRES = Integer.MAX_VALUE;

    /** A key pair id as CloudFront assigns them ({@code K2JCJMDEHXQW5F}, {@code APKA…}) or an operator chooses. */
    static final Pattern KEY_PAIR_ID_FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Visible ASCII without {@code "}, {@code \}, {@code #}: a URL that needs no escaping in the policy's JSON. */
    private static final Pattern URL_CHARACTERS = Pattern.compile("[!$-\\[\\]-~]+");
    private static final Pattern SCHEME = Pattern.compile("(?i)https?://[^/?]+.*");

    private CannedPolicy() {
    }

    static String statement(String resourceUrl, long expires) {
        return "{\"Statement\":[{\"Resource\":\"" + resourceUrl
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
    }

    static byte[] statementBytes(String resourceUrl, long expires) {
        return statement(resourceUrl, expires).getBytes(StandardCharsets.UTF_8);
    }

    /** CloudFront's base64: standard alphabet and padding, then {@code + = /} replaced by {@code - _ ~}. */
    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes).replace('+', '-').replace('=', '_').replace('/', '~');
    }

    /** The bytes of CloudFront's base64; empty for text of another form. */
    static Optional<byte[]> decode(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(
                    text.replace('-', '+').replace('_', '=').replace('~', '/')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a resource URL cannot be signed, or empty when it can: an absolute {@code http} or {@code https} URL of
     * visible ASCII without a fragment, whose query names none of CloudFront's parameters.
     */
    static Optional<String> resourceProblem(String resourceUrl) {
        if (resourceUrl == null || !URL_CHARACTERS.matcher(resourceUrl).matches()
                || !SCHEME.matcher(resourceUrl).matches()) {
            return Optional.of("must be an absolute http or https URL of visible ASCII characters without"
                    + " '\"', '\\' and '#', such as https://cdn.example.com/media/a.png, got '" + resourceUrl + "'");
        }
        int query = resourceUrl.indexOf('?');
        if (query >= 0) {
            for (String parameter : resourceUrl.substring(query + 1).split("&", -1)) {
                if (reserved(name(parameter))) {
                    return Optional.of("must not have a query parameter named Expires, Signature or Key-Pair-Id"
                            + " (CloudFront's own), got '" + resourceUrl + "'");
                }
            }
        }
        return Optional.empty();
    }

    static String name(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    static boolean reserved(String name) {
        return name.equals(EXPIRES) || name.equals(SIGNATURE) || name.equals(KEY_PAIR_ID);
    }
}

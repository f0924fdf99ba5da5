package org.portico.deeplink.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * The part of reading an OAuth form that the OAuth 2.0 SDK leaves to the server, on top of its
 * {@link URLUtils#parseParameters}: the SDK skips a pair whose percent escape is malformed (a dropped
 * {@code actor_token} would silently turn a delegation into a plain exchange), and it has no rule against credentials
 * in the URL query. Forms are the SDK's {@code Map<String, List<String>>}.
 *
 * <p>{@link #parse} reads a body: RFC 6749 section 3.2, an empty value counts as absent and a parameter must not
 * appear more than once (except {@code audience} and {@code resource}, RFC 8693 and RFC 8707; the SDK's own
 * {@code MultivaluedMapUtils.getKeysWithMoreThanOneValue} lets a repeat of the same value pass). Not from a servlet's
 * {@code getParameterMap()}: that merges the URL query into the body, and RFC 6749 section 2.3.1 allows credentials
 * only in the body or the {@code Authorization} header — a secret in a URL ends up in access logs, proxies and browser
 * histories. {@link #refuseCredentialsInQuery} turns such a query into {@code invalid_request}.
 *
 * <p>Stateless and thread-safe.
 */
public final class OAuthForms {

    /**
     * Parameters that carry a credential or a token: accepted only in the form body or the {@code Authorization}
     * header, never in the URL query.
     */
    public static final Set<String> CREDENTIAL_PARAMETERS = Set.of("client_id", "client_secret", "client_assertion",
            "client_assertion_type", "subject_token", "actor_token", "token", "access_token");

    /**
     * The single-valued parameters Portico reads (RFC 6749, 7523, 7662, 8693): one of them repeated is refused. Others
     * may repeat ({@code audience} and {@code resource} by RFC 8693 section 2.1) or are not read at all. An error
     * names only these: a name from the request could hold anything.
     */
    private static final Set<String> SINGLE = Set.of("grant_type", "subject_token", "subject_token_type",
            "actor_token", "actor_token_type", "requested_token_type", "scope", "client_id", "client_secret",
            "client_assertion", "client_assertion_type", "token");

    private OAuthForms() {
    }

    /**
     * Parses an {@code application/x-www-form-urlencoded} body as UTF-8; null or empty text gives no parameters.
     *
     * @return every parameter with its non-empty values; none without a value
     * @throws OAuthException {@code invalid_request} when a percent escape is malformed or a single-valued parameter
     *                        is repeated
     */
    public static Map<String, List<String>> parse(String urlencoded) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        parseStrictly(urlencoded).forEach((name, values) -> {
            List<String> present = values.stream().filter(v -> !v.isEmpty()).toList();
            if (!present.isEmpty()) {
                form.put(name, present);
            }
        });
        form.entrySet().stream().filter(e -> e.getValue().size() > 1 && SINGLE.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().findFirst()
                .ifPresent(name -> {
                    throw new OAuthException(OAuth2Error.INVALID_REQUEST, "parameter " + name + " is repeated");
                });
        return form;
    }

    /**
     * Refuses a URL query that carries any of the {@link #CREDENTIAL_PARAMETERS}, even empty.
     *
     * @param rawQuery the request's URL query as sent, or null
     * @throws OAuthException {@code invalid_request} naming the parameter (never its value)
     */
    public static void refuseCredentialsInQuery(String rawQuery) {
        parseStrictly(rawQuery).keySet().stream().filter(CREDENTIAL_PARAMETERS::contains).sorted().findFirst()
                .ifPresent(name -> {
                    throw new OAuthException(OAuth2Error.INVALID_REQUEST, "parameter " + name
                            + " must be sent in the form body, never in the URL query (RFC 6749 section 2.3.1)");
                });
    }

    /** The SDK's parse, after checking every percent escape (the SDK would drop the pair). */
    private static Map<String, List<String>> parseStrictly(String urlencoded) {
        if (urlencoded == null || urlencoded.isEmpty()) {
            return Map.of();
        }
        for (int i = urlencoded.indexOf('%'); i >= 0; i = urlencoded.indexOf('%', i + 3)) {
            if (i + 2 >= urlencoded.length() || Character.digit(urlencoded.charAt(i + 1), 16) < 0
                    || Character.digit(urlencoded.charAt(i + 2), 16) < 0) {
                throw new OAuthException(OAuth2Error.INVALID_REQUEST, "the form is not correctly URL-encoded");
            }
        }
        return URLUtils.parseParameters(urlencoded);
    }
}

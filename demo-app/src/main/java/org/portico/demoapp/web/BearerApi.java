package org.portico.demoapp.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.portico.demoapp.verify.AccessToken;
import org.portico.demoapp.verify.AccessTokenRejectedException;
import org.portico.demoapp.verify.PorticoUnavailableException;

/**
 * The guard of the app's API, as RFC 6750 has it: a request carries Portico's access token for this app in
 * {@code Authorization: Bearer <token>} (never in the query: tokens stay out of URLs and logs), and gets
 * <ul>
 * <li>401 with {@code WWW-Authenticate: Bearer realm="demo-app"} when it carries none (section 3.1: no error code
 * then), or {@code Bearer realm="demo-app", error="invalid_token", error_description="…"} when the token is refused;</li>
 * <li>400 {@code error="invalid_request"} for more than one {@code Authorization} header;</li>
 * <li>503 when Portico's keys cannot be fetched (our side, not the token);</li>
 * <li>405 for anything but GET;</li>
 * </ul>
 * each with an RFC 9457 problem body, never a stack trace. Otherwise the resource answers for the verified token.
 * Stateless and thread-safe.
 */
final class BearerApi {

    static final String REALM = "demo-app";

    /** RFC 6750 section 2.1: the scheme (any case), spaces, a token68. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9._~+/-]+=*) *");

    private static final Logger LOG = Logger.getLogger(BearerApi.class.getName());

    private final LinkChecker checker;

    BearerApi(LinkChecker checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    /**
     * @param method         the request's method
     * @param authorizations the values of its {@code Authorization} headers
     * @param localPort      the server port the request came in on (where Portico is by default)
     * @param resource       the JSON the endpoint answers for a verified token
     */
    ApiReply answer(String method, List<String> authorizations, int localPort,
                    Function<AccessToken, java.util.Map<String, Object>> resource) {
        if (!"GET".equals(method)) {
            return ApiReply.problem(405, "This API only reads: GET with Authorization: Bearer <access token>.")
                    .withHeader("Allow", "GET");
        }
        if (authorizations.size() > 1) {
            return ApiReply.problem(400, "Send one Authorization header, not " + authorizations.size() + ".")
                    .withHeader("WWW-Authenticate", challenge("invalid_request", "one Authorization header only"));
        }
        Matcher bearer = authorizations.isEmpty() ? null : BEARER.matcher(authorizations.get(0));
        if (bearer == null || !bearer.matches()) {
            boolean otherScheme = !authorizations.isEmpty()
                    && !authorizations.get(0).strip().toLowerCase(Locale.ROOT).startsWith("bearer");
            if (authorizations.isEmpty() || otherScheme) {
                return ApiReply.problem(401, "Send Portico's access token for this app: Authorization: Bearer <token>."
                        + " A page in a Portico pane gets one through the pane handshake, a server through Portico's"
                        + " token exchange.").withHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            }
            return invalidToken("malformed", "The Authorization header must be 'Bearer ' followed by the token.");
        }
        AccessToken token;
        try {
            token = checker.portico(localPort).accessTokenVerifier().verify(bearer.group(1));
        } catch (AccessTokenRejectedException e) {
            return invalidToken(e.reason().label(), e.getMessage()).withMember("reason", e.reason().code());
        } catch (PorticoUnavailableException e) {
            LOG.warning(e::getMessage);
            return ApiReply.problem(503, "The access token cannot be checked now: " + e.getMessage())
                    .withHeader("Retry-After", "10");
        }
        return ApiReply.json(200, resource.apply(token));
    }

    private static ApiReply invalidToken(String description, String detail) {
        return ApiReply.problem(401, detail).withHeader("WWW-Authenticate", challenge("invalid_token", description));
    }

    /** error_description may hold printable ASCII but '"' and '\' (RFC 6750 section 3); ours are fixed labels. */
    private static String challenge(String error, String description) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\""
                + description.replaceAll("[^\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]", "") + "\"";
    }
}

package org.portico.web.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.oauth.OAuthException;
import org.portico.deeplink.oauth.OAuthForms;
import org.portico.web.audit.AuditUnavailableException;
import org.portico.web.settings.RequestLimits;
import org.portico.web.filter.CorrelationIds;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.JakartaServletUtils;

/**
 * The shape every OAuth endpoint of Portico shares: POST with a form body only, JSON answers that are never cached,
 * and errors exactly as RFC 6749 §5.2 — {@code {"error": "...", "error_description": "..."}} with the code's status,
 * {@code WWW-Authenticate} on a failed client authentication, never a stack trace or an echoed secret. Answers are
 * the OAuth 2.0 SDK's {@link HTTPResponse}s (its {@link TokenErrorResponse} for errors), written by its
 * {@link JakartaServletUtils}.
 *
 * <p>The body is read here, not by {@code JakartaServletUtils.createHTTPRequest}: that would take the form from
 * {@code getParameterMap()} (URL query merged in) and cap it only after reading, where Portico refuses a declared
 * length over the cap before reading a byte.
 */
abstract class OAuthEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OAuthEndpoint.class.getName());
    /** Largest form body read: room for a subject token, an actor token and a client assertion of the longest kind. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    @Inject
    RequestLimits limits;

    /**
     * Handles a well-formed POST and returns the answer; throws {@link OAuthException} to refuse.
     *
     * @param form the body's parameters ({@link OAuthForms#parse}: no empty values, no repeats)
     */
    abstract HTTPResponse handle(HttpServletRequest request, Map<String, List<String>> form);

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            respond(response, error(OAuth2Error.INVALID_REQUEST,
                    "The request body must be application/x-www-form-urlencoded."));
            return;
        }
        try {
            OAuthForms.refuseCredentialsInQuery(request.getQueryString());
            Optional<Map<String, List<String>>> form = bodyForm(request);
            if (form.isEmpty()) {
                respond(response, tooLarge());
                return;
            }
            respond(response, handle(request, form.get()));
        } catch (OAuthException e) {
            HTTPResponse answer = e.toHTTPResponse();
            if (OAuth2Error.INVALID_CLIENT.equals(e.error())) {
                String authorization = request.getHeader("Authorization");
                String scheme = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                        ? "Basic" : "Bearer";
                answer.setHeader("WWW-Authenticate", scheme + " realm=\"portico\"");
            }
            respond(response, answer);
        } catch (AuditUnavailableException e) {
            // The answer may not leave without its audit entry: no token, and a retry later may work.
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, e, () -> "Error id " + id + ": " + request.getRequestURI() + " not answered");
            HTTPResponse answer = error(OAuth2Error.SERVER_ERROR.setHTTPStatusCode(HttpServletResponse.SC_SERVICE_UNAVAILABLE),
                    "Portico cannot record this request now; try again later. Error id " + id + ".");
            answer.setHeader("Retry-After", "5");
            respond(response, answer);
        } catch (RuntimeException e) {
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, e, () -> "Error id " + id + ": " + request.getRequestURI() + " failed");
            respond(response, error(OAuth2Error.SERVER_ERROR, "Something went wrong on our side; error id " + id + "."));
        }
    }

    /**
     * The form in the body, and only there: {@code getParameterMap()} would merge the URL query in (RFC 6749 section
     * 2.3.1 keeps credentials out of URLs). Read as UTF-8, at most {@link #maxFormBytes()}; empty when the body is
     * longer (the caller answers 413).
     */
    private Optional<Map<String, List<String>>> bodyForm(HttpServletRequest request) throws IOException {
        int max = maxFormBytes();
        byte[] body = request.getInputStream().readNBytes(max + 1);
        return body.length > max ? Optional.empty()
                : Optional.of(OAuthForms.parse(new String(body, StandardCharsets.UTF_8)));
    }

    /** The API's body cap ({@code portico.api.max-body-size}), but never more than {@link #MAX_FORM_BYTES}. */
    private int maxFormBytes() {
        return (int) Math.min(MAX_FORM_BYTES, limits.maxBodySize());
    }

    private HTTPResponse tooLarge() {
        return error(OAuth2Error.INVALID_REQUEST.setHTTPStatusCode(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE),
                "The form is larger than " + maxFormBytes() + " bytes.");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            HTTPResponse answer = error(OAuth2Error.INVALID_REQUEST.setHTTPStatusCode(
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED), "Use POST with a form body.");
            answer.setHeader("Allow", "POST");
            respond(response, answer);
            return;
        }
        // A declared length over the cap is refused before a byte is read; a streamed body is counted in bodyForm.
        if (request.getContentLengthLong() > maxFormBytes()) {
            respond(response, tooLarge());
            return;
        }
        super.service(request, response);
    }

    /** An error answer of the SDK: {@code code}'s status, {@code {"error": ..., "error_description": ...}}. */
    private static HTTPResponse error(ErrorObject code, String description) {
        return new TokenErrorResponse(code.setDescription(description)).toHTTPResponse();
    }

    /** Writes {@code answer}; whatever it is, it is never cached (RFC 6749 section 5.1, RFC 7662 section 2.2). */
    private static void respond(HttpServletResponse response, HTTPResponse answer) throws IOException {
        answer.setCacheControl("no-store");
        answer.setPragma("no-cache");
        JakartaServletUtils.applyHTTPResponse(answer, response);
    }
}

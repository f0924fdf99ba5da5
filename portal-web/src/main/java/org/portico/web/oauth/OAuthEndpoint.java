package org.portico.web.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.oauth.FormParameters;
import org.portico.deeplink.oauth.OAuthError;
import org.portico.deeplink.oauth.OAuthException;
import org.portico.web.audit.AuditUnavailableException;
import org.portico.web.settings.RequestLimits;
import org.portico.web.filter.CorrelationIds;

/**
 * The shape every OAuth endpoint of Portico shares: POST with a form body only, JSON answers that are never cached,
 * and errors exactly as RFC 6749 §5.2 — {@code {"error": "...", "error_description": "..."}} with the code's status,
 * {@code WWW-Authenticate} on a failed client authentication, never a stack trace or an echoed secret.
 */
abstract class OAuthEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OAuthEndpoint.class.getName());
    /** Largest form body read: room for a subject token, an actor token and a client assertion of the longest kind. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    @Inject
    RequestLimits limits;

    /** Handles a well-formed POST and returns the JSON answer; throws {@link OAuthException} to refuse. */
    abstract String handle(HttpServletRequest request, FormParameters form);

    @Override
    protected final void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            error(response, new OAuthError(OAuthError.Code.INVALID_REQUEST,
                    "The request body must be application/x-www-form-urlencoded."), request);
            return;
        }
        try {
            FormParameters.refuseCredentialsIn(FormParameters.parse(request.getQueryString()));
            Optional<FormParameters> form = bodyForm(request);
            if (form.isEmpty()) {
                tooLarge(response);
                return;
            }
            respond(response, HttpServletResponse.SC_OK, handle(request, form.get()));
        } catch (OAuthException e) {
            error(response, e, request);
        } catch (AuditUnavailableException e) {
            // The answer may not leave without its audit entry: no token, and a retry later may work.
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, e, () -> "Error id " + id + ": " + request.getRequestURI() + " not answered");
            response.setHeader("Retry-After", "5");
            respond(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "{\"error\":\"server_error\","
                    + "\"error_description\":\"Portico cannot record this request now; try again later. Error id " + id + ".\"}");
        } catch (RuntimeException e) {
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, e, () -> "Error id " + id + ": " + request.getRequestURI() + " failed");
            respond(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "{\"error\":\"server_error\",\"error_description\":\"Something went wrong on our side; error id " + id + ".\"}");
        }
    }

    /**
     * The form in the body, and only there: {@code getParameterMap()} would merge the URL query in (RFC 6749 section
     * 2.3.1 keeps credentials out of URLs). Read as UTF-8, at most {@link #maxFormBytes()}; empty when the body is
     * longer (the caller answers 413).
     */
    private Optional<FormParameters> bodyForm(HttpServletRequest request) throws IOException {
        int max = maxFormBytes();
        byte[] body = request.getInputStream().readNBytes(max + 1);
        return body.length > max ? Optional.empty()
                : Optional.of(FormParameters.parse(new String(body, StandardCharsets.UTF_8)));
    }

    /** The API's body cap ({@code portico.api.max-body-size}), but never more than {@link #MAX_FORM_BYTES}. */
    private int maxFormBytes() {
        return (int) Math.min(MAX_FORM_BYTES, limits.maxBodySize());
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        respond(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, new OAuthError(OAuthError.Code.INVALID_REQUEST,
                "The form is larger than " + maxFormBytes() + " bytes.").toJson());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            write(response, new OAuthError(OAuthError.Code.INVALID_REQUEST, "Use POST with a form body.").toJson());
            return;
        }
        // A declared length over the cap is refused before a byte is read; a streamed body is counted in bodyForm.
        if (request.getContentLengthLong() > maxFormBytes()) {
            tooLarge(response);
            return;
        }
        super.service(request, response);
    }

    private static void error(HttpServletResponse response, OAuthException e, HttpServletRequest request)
            throws IOException {
        error(response, e.error(), e, request);
    }

    private static void error(HttpServletResponse response, OAuthError error, HttpServletRequest request)
            throws IOException {
        error(response, error, null, request);
    }

    private static void error(HttpServletResponse response, OAuthError error, OAuthException e,
                              HttpServletRequest request) throws IOException {
        if (error.code() == OAuthError.Code.INVALID_CLIENT) {
            String authorization = request.getHeader("Authorization");
            String scheme = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    ? "Basic" : "Bearer";
            response.setHeader("WWW-Authenticate", scheme + " realm=\"portico\"");
        }
        if (e != null && e.retryAfter().isPresent()) {
            response.setHeader("Retry-After", Long.toString(e.retryAfter().get().toSeconds()));
        }
        respond(response, error.code().httpStatus(), error.toJson());
    }

    private static void respond(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        write(response, json);
    }

    private static void write(HttpServletResponse response, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

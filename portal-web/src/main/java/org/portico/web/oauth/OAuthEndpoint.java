package org.portico.web.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.oauth.FormParameters;
import org.portico.deeplink.oauth.OAuthError;
import org.portico.deeplink.oauth.OAuthException;
import org.portico.web.audit.AuditUnavailableException;
import org.portico.web.filter.CorrelationIds;

/**
 * The shape every OAuth endpoint of Portico shares: POST with a form body only, JSON answers that are never cached,
 * and errors exactly as RFC 6749 §5.2 — {@code {"error": "...", "error_description": "..."}} with the code's status,
 * {@code WWW-Authenticate} on a failed client authentication, never a stack trace or an echoed secret.
 */
abstract class OAuthEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OAuthEndpoint.class.getName());

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
            respond(response, HttpServletResponse.SC_OK, handle(request, FormParameters.of(request.getParameterMap())));
        } catch (OAuthException e) {
            error(response, e.error(), request);
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

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            write(response, new OAuthError(OAuthError.Code.INVALID_REQUEST, "Use POST with a form body.").toJson());
            return;
        }
        super.service(request, response);
    }

    private static void error(HttpServletResponse response, OAuthError error, HttpServletRequest request) throws IOException {
        if (error.code() == OAuthError.Code.INVALID_CLIENT) {
            String authorization = request.getHeader("Authorization");
            String scheme = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    ? "Basic" : "Bearer";
            response.setHeader("WWW-Authenticate", scheme + " realm=\"portico\"");
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

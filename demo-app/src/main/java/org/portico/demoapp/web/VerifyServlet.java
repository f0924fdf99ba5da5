package org.portico.demoapp.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.util.JSONObjectUtils;

import org.portico.demoapp.verify.LinkToken;
import org.portico.demoapp.verify.LinkTokenVerifier;

/**
 * {@code POST /api/verify} with {@code {"token": "<compact JWS>"}}: the page's script sends the token it found in the
 * fragment here, because the fragment never reaches a server. Answers 200 with {@code verified}, the refusal's
 * {@code reason} and {@code message}, the verified claims under {@code token}, and the {@code panel} to show; 503 with
 * the same shape when Portico cannot be reached; an RFC 9457 problem for a request that is not such a JSON object.
 */
@WebServlet(name = "Verify", urlPatterns = "/api/verify")
public class VerifyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Room for the longest token and its JSON wrapping. */
    static final int MAX_BODY = LinkTokenVerifier.MAX_TOKEN_LENGTH + 1024;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            problem(response, 415, "Send the token as JSON: Content-Type application/json, body {\"token\": \"<compact JWS>\"}.");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            problem(response, 413, "The body is longer than " + MAX_BODY + " bytes; a link token is at most "
                    + LinkTokenVerifier.MAX_TOKEN_LENGTH + " characters.");
            return;
        }
        Object token;
        try {
            token = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)).get("token");
        } catch (ParseException e) {
            problem(response, 400, "The body must be a JSON object such as {\"token\": \"<compact JWS>\"}.");
            return;
        }
        if (token != null && !(token instanceof String)) {
            problem(response, 400, "\"token\" must be a string: the compact JWS from the link.");
            return;
        }
        LinkChecker checker = LinkChecker.of(getServletContext());
        Outcome outcome = checker.check((String) token, request.getLocalPort());
        json(response, outcome instanceof Outcome.Unavailable ? 503 : 200, "application/json",
                answer(outcome, Panel.of(outcome, checker.clock())));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        problem(response, 405, "POST the token as JSON: {\"token\": \"<compact JWS>\"}.");
    }

    private static Map<String, Object> answer(Outcome outcome, Panel panel) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("verified", outcome instanceof Outcome.Verified);
        if (panel.reason() != null) {
            answer.put("reason", panel.reason());
        }
        answer.put("message", panel.message());
        if (outcome instanceof Outcome.Verified verified) {
            answer.put("token", claims(verified.token()));
        }
        answer.put("panel", panel.toJson());
        return answer;
    }

    private static Map<String, Object> claims(LinkToken token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", token.subject());
        token.name().ifPresent(name -> claims.put("name", name));
        token.email().ifPresent(email -> claims.put("email", email));
        claims.put("roles", token.roles());
        claims.put("route", token.route());
        claims.put("params", token.params());
        claims.put("jti", token.jwtId());
        claims.put("iat", token.issuedAt().getEpochSecond());
        claims.put("exp", token.expiresAt().getEpochSecond());
        claims.put("iss", token.issuer());
        claims.put("aud", token.audience());
        claims.put("kid", token.keyId());
        claims.put("alg", token.algorithm());
        return claims;
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        ApiReply.problem(status, detail).write(response);
    }

    private static void json(HttpServletResponse response, int status, String contentType, Map<String, Object> json)
            throws IOException {
        new ApiReply(status, contentType, Map.of(), json).write(response);
    }
}

package org.portico.demoapp.web;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.demoapp.verify.AccessToken;

/**
 * The app's API for Portico's access tokens ({@code Authorization: Bearer}, see {@link BearerApi}):
 * <ul>
 * <li>{@code GET /api/invoices}: the invoices ({@link Invoices}) for the token's user, which Portico's data tile
 * reads;</li>
 * <li>{@code GET /api/me}: who the token says the user is ({@code sub}, {@code name}, {@code email}, {@code roles},
 * each only when Portico shares it with this app, and the token's {@code exp}), which the pane page shows.</li>
 * </ul>
 * No CORS: the pane page calls its own origin, Portico calls from its server.
 */
@WebServlet(name = "Api", urlPatterns = {"/api/invoices", "/api/me"})
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BearerApi api = new BearerApi(LinkChecker.of(getServletContext()));
        boolean invoices = request.getServletPath().equals("/api/invoices");
        api.answer(request.getMethod(), Collections.list(request.getHeaders("Authorization")), request.getLocalPort(),
                invoices ? Invoices::of : ApiServlet::me).write(response);
    }

    /** {@code GET /api/me}. */
    static Map<String, Object> me(AccessToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sub", token.subject());
        token.name().ifPresent(name -> json.put("name", name));
        token.email().ifPresent(email -> json.put("email", email));
        json.put("roles", token.roles());
        json.put("exp", token.expiresAt().getEpochSecond());
        return json;
    }
}

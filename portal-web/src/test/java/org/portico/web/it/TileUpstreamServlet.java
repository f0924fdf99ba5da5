package org.portico.web.it;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.settings.PorticoIssuer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Test WARs only ({@link DataTileIT}): an app behind a data tile that the test controls, as a third-party app would
 * be — it verifies the bearer token against Portico's JWKS ({@code /.well-known/jwks.json}, Nimbus, {@code typ}
 * {@code at+jwt}, Portico's issuer, the app's audience), never through Portico's own beans.
 * <ul>
 *   <li>{@code GET /it/tile-upstream/api/invoices}: two invoices as JSON for a valid token (else 401); in mode
 *   {@code slow} after ten seconds, in mode {@code error} a 500;</li>
 *   <li>{@code GET /it/tile-upstream/invoice/{id}}: the page an invoice's deep link leads to;</li>
 *   <li>{@code POST /it/tile-upstream/control} with {@code mode} ({@code ok}, {@code slow}, {@code error}) and
 *   {@code audience}: how to answer; answers with who the last valid token named ({@code sub}), how many requests
 *   came and whether a token ever came in a URL;</li>
 *   <li>{@code POST /it/tile-upstream/page} with {@code slug}, {@code widget}, {@code app}, {@code url},
 *   {@code route}: a page for end users with one data tile, created through the page service (there is no page REST
 *   API yet).</li>
 * </ul>
 */
@WebServlet("/it/tile-upstream/*")
public class TileUpstreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final AtomicReference<String> MODE = new AtomicReference<>("ok");
    private static final AtomicReference<String> AUDIENCE = new AtomicReference<>("");
    private static final AtomicReference<String> LAST_SUBJECT = new AtomicReference<>("");
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicReference<Boolean> TOKEN_IN_URL = new AtomicReference<>(false);

    @Inject
    transient PorticoIssuer issuer;

    @Inject
    transient PageService pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String query = request.getQueryString();
        if (query != null && (query.contains("eyJ") || query.contains("token"))) {
            TOKEN_IN_URL.set(true);
        }
        if (path.startsWith("/invoice/")) {
            response.setContentType("text/html;charset=UTF-8");
            String id = path.substring("/invoice/".length()).replaceAll("[^A-Za-z0-9-]", "");
            response.getWriter().write("<!DOCTYPE html><html><head><title>Invoice " + id + "</title></head><body>"
                    + "<h1 id=\"invoice\">Invoice " + id + "</h1></body></html>");
            return;
        }
        if (!path.equals("/api/invoices")) {
            response.sendError(404);
            return;
        }
        REQUESTS.incrementAndGet();
        switch (MODE.get()) {
            case "slow" -> sleep();
            case "error" -> {
                response.sendError(500);
                return;
            }
            default -> { }
        }
        String authorization = request.getHeader("Authorization");
        JWTClaimsSet claims;
        try {
            claims = verify(authorization == null || !authorization.startsWith("Bearer ") ? ""
                    : authorization.substring("Bearer ".length()));
        } catch (Exception e) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.sendError(401);
            return;
        }
        LAST_SUBJECT.set(claims.getSubject());
        response.setContentType("application/json");
        response.getWriter().write("""
                {"items":[
                  {"id":"42","customer":"ACME Corp","amount":"EUR 1,250.00","issued":"2026-12-01T09:30:00Z"},
                  {"id":"43","customer":"Globex","amount":"EUR 80.00","issued":"2026-11-28"},
                  {"customer":"no id, skipped"}
                ]}""");
    }

    private JWTClaimsSet verify(String token) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(
                new URL(issuer.resolve("/.well-known/jwks.json"))).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE.get(),
                new JWTClaimsSet.Builder().issuer(issuer.url()).build(), Set.of("sub", "exp", "iat")));
        return processor.process(token, null);
    }

    private static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/control")) {
            if (request.getParameter("mode") != null) {
                MODE.set(request.getParameter("mode"));
            }
            if (request.getParameter("audience") != null) {
                AUDIENCE.set(request.getParameter("audience"));
            }
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder().add("mode", MODE.get())
                    .add("subject", LAST_SUBJECT.get()).add("requests", REQUESTS.get())
                    .add("tokenInUrl", TOKEN_IN_URL.get()).build().toString());
            return;
        }
        if (path.equals("/page")) {
            var settings = Json.createObjectBuilder()
                    .add("app", request.getParameter("app")).add("url", request.getParameter("url"))
                    .add("list", "/items").add("title", "/customer").add("subtitle", "/amount")
                    .add("date", "/issued").add("id", "/id").add("route", request.getParameter("route"))
                    .add("param", "id").add("limit", 5).build();
            Widget tile = new Widget(request.getParameter("widget"), WidgetKind.DATA_TILE, "Latest invoices", 6,
                    Set.of(), false, settings);
            pages.create(new PortalPage(request.getParameter("slug"), "Invoices " + request.getParameter("slug"),
                    Set.of("end-user"), false, 90, List.of(tile)), "ada");
            response.setStatus(201);
            return;
        }
        response.sendError(404);
    }
}

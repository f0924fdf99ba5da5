package org.portico.web.it;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *   {@code slow} after ten seconds, in mode {@code error} a 500; the same for two more apps under {@code /flaky/}
 *   and {@code /steady/};</li>
 *   <li>{@code GET /it/tile-upstream/invoice/{id}}: the page an invoice's deep link leads to;</li>
 *   <li>{@code POST /it/tile-upstream/control} with {@code mode} ({@code ok}, {@code slow}, {@code error}; also
 *   {@code flaky} and {@code steady} for those apps) and {@code audience} (one more accepted): how to answer; answers
 *   with who the last valid token named ({@code sub}), how many requests each app got and whether a token ever came
 *   in a URL;</li>
 *   <li>{@code POST /it/tile-upstream/page} with {@code slug}, {@code widget}, {@code app}, {@code url},
 *   {@code route}, optionally {@code app2}, {@code url2}: a page for end users with one data tile (or two), created
 *   through the page service (there is no page REST API yet).</li>
 * </ul>
 */
@WebServlet("/it/tile-upstream/*")
public class TileUpstreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final List<String> APPS = List.of("main", "flaky", "steady");
    private static final Map<String, String> MODES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static final Set<String> AUDIENCES = ConcurrentHashMap.newKeySet();
    private static final AtomicReference<String> LAST_SUBJECT = new AtomicReference<>("");
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
        String name = path.equals("/api/invoices") ? "main"
                : path.endsWith("/api/invoices") ? path.substring(1, path.length() - "/api/invoices".length()) : "";
        if (!APPS.contains(name)) {
            response.sendError(404);
            return;
        }
        REQUESTS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        switch (MODES.getOrDefault(name, "ok")) {
            case "slow" -> sleep();
            case "error" -> {
                // setStatus, not sendError: the app's own failure, not one for Portico's error page to log
                response.setStatus(500);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"deliberate\"}");
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
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.copyOf(AUDIENCES),
                new JWTClaimsSet.Builder().issuer(issuer.url()).build(), Set.of("sub", "exp", "iat"), null));
        return processor.process(token, null);
    }

    private static Widget tile(String id, String app, String url, String route) {
        var settings = Json.createObjectBuilder()
                .add("app", app).add("url", url)
                .add("list", "/items").add("title", "/customer").add("subtitle", "/amount")
                .add("date", "/issued").add("id", "/id").add("route", route)
                .add("param", "id").add("limit", 5).build();
        return new Widget(id, WidgetKind.DATA_TILE, "Latest invoices", 6, Set.of(), false, settings);
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
                MODES.put("main", request.getParameter("mode"));
            }
            for (String name : List.of("flaky", "steady")) {
                if (request.getParameter(name) != null) {
                    MODES.put(name, request.getParameter(name));
                }
            }
            if (request.getParameter("audience") != null) {
                AUDIENCES.add(request.getParameter("audience"));
            }
            var answer = Json.createObjectBuilder().add("subject", LAST_SUBJECT.get())
                    .add("tokenInUrl", TOKEN_IN_URL.get());
            APPS.forEach(name -> answer.add(name + "Requests",
                    REQUESTS.computeIfAbsent(name, n -> new AtomicInteger()).get()));
            response.setContentType("application/json");
            response.getWriter().write(answer.build().toString());
            return;
        }
        if (path.equals("/page")) {
            String widget = request.getParameter("widget");
            String route = request.getParameter("route");
            List<Widget> tiles = request.getParameter("app2") == null
                    ? List.of(tile(widget, request.getParameter("app"), request.getParameter("url"), route))
                    : List.of(tile(widget, request.getParameter("app"), request.getParameter("url"), route),
                            tile(widget + "b", request.getParameter("app2"), request.getParameter("url2"), route));
            pages.create(new PortalPage(request.getParameter("slug"), "Invoices " + request.getParameter("slug"),
                    Set.of("end-user"), false, 90, tiles), "ada");
            response.setStatus(201);
            return;
        }
        response.sendError(404);
    }
}

package org.portico.demoapp.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.demoapp.verify.AccessToken;
import org.portico.demoapp.verify.AccessTokenRejectedException;
import org.portico.demoapp.verify.PorticoUnavailableException;

/**
 * The demo app as Portico serves it through its reverse proxy ({@code /apps/demo-app/} on the proxy origin, upstream
 * {@code /demo-app/proxied}): every request carries the user's access token in {@code Authorization: Bearer}, which
 * these pages verify the way any app would ({@link BearerApi}'s verifier).
 * <ul>
 * <li>{@code /proxied/}: who the verified token says the user is, and a cookie of the app's own ({@value #VISITS}, a
 * counter of page views) that the next pages show;</li>
 * <li>{@code /proxied/second}: a second page with the same counter;</li>
 * <li>{@code /proxied/form}: a form that posts back to itself;</li>
 * <li>{@code /proxied/redirect}: a redirect to the second page;</li>
 * <li>{@code /proxied/download?mb=N}: N MiB (1 to 50, default 5) streamed without holding them;</li>
 * <li>{@code /proxied/headers}: the request headers the app received, as JSON (the token's value left out);</li>
 * <li>{@code POST /proxied/upload}: reads the body as it comes and answers how many bytes it had;</li>
 * <li>{@code /proxied/slow?seconds=N}: answers after N seconds (1 to 30), to try the proxy's read timeout;</li>
 * <li>{@code /proxied/small}: a small fixed answer without any work, for the benchmark of the proxy's own cost
 * ({@code src/bench/proxy/});</li>
 * <li>{@code /proxied/style.css}: the demo app's style sheet, under the upstream path so that it passes the proxy;</li>
 * <li>{@code /proxied/probe}: a page whose script tries to read Portico's pages and API with the user's Portico
 * session, and shows what it got (the isolation check).</li>
 * </ul>
 */
@WebServlet(name = "Proxied", urlPatterns = "/proxied/*")
public class ProxiedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProxiedServlet.class.getName());
    static final String VISITS = "demo-visits";
    private static final int MIB = 1024 * 1024;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String page = Optional.ofNullable(request.getPathInfo()).orElse("/");
        switch (page) {
            case "/headers" -> headers(request, response);
            case "/download" -> download(request, response);
            case "/redirect" -> response.sendRedirect(request.getContextPath() + "/proxied/second");
            case "/probe.js" -> script(response);
            case "/style.css" -> style(response);
            case "/small" -> small(response);
            case "/slow" -> slow(request, response);
            case "/upload" -> upload(request, response);
            case "/", "/second", "/form", "/probe" -> page(page, request, response);
            default -> response.sendError(404);
        }
    }

    private void page(String page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !(page.equals("/form") && request.getMethod().equals("POST"))) {
            response.setHeader("Allow", page.equals("/form") ? "GET, POST" : "GET");
            response.sendError(405);
            return;
        }
        String who;
        try {
            who = verifiedUser(request).map(token -> "Proxied: " + token.name().orElse(token.subject())
                    + " (" + token.subject() + ")").orElse("Not verified: no access token");
        } catch (AccessTokenRejectedException e) {
            who = "Not verified: " + e.getMessage();
        } catch (PorticoUnavailableException e) {
            LOG.warning(e::getMessage);
            who = "Not verified: Portico's keys cannot be fetched now";
        }
        int visits = visits(request) + 1;
        Cookie cookie = new Cookie(VISITS, Integer.toString(visits));
        cookie.setPath(request.getContextPath() + "/proxied");
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        StringBuilder body = new StringBuilder();
        body.append("<h1 id=\"proxied-user\">").append(Html.escape(who)).append("</h1>")
                .append("<p>Page views counted by the app's own cookie: <strong id=\"visits\">").append(visits)
                .append("</strong></p>")
                .append("<nav><a id=\"home\" href=\"./\">Start</a> · <a id=\"second\" href=\"second\">Second page</a>")
                .append(" · <a id=\"form-link\" href=\"form\">Form</a> · <a id=\"redirect\" href=\"redirect\">Redirect</a>")
                .append(" · <a id=\"download\" href=\"download?mb=5\" download>Download 5 MiB</a>")
                .append(" · <a id=\"probe-link\" href=\"probe\">Isolation probe</a></nav>");
        if (page.equals("/second")) {
            body.append("<p id=\"page\">Second page</p>");
        } else if (page.equals("/form")) {
            if (request.getMethod().equals("POST")) {
                String message = Optional.ofNullable(request.getParameter("message")).orElse("");
                body.append("<p id=\"received\">Received: ").append(Html.escape(message.length() > 200
                        ? message.substring(0, 200) : message)).append("</p>");
            }
            body.append("<form method=\"post\" action=\"form\"><label>Message <input id=\"message\" name=\"message\"></label>")
                    .append(" <button id=\"send\" type=\"submit\">Send</button></form>");
        } else if (page.equals("/probe")) {
            String portico = Optional.ofNullable(request.getParameter("portico")).filter(url -> url.matches("https?://[^/?#\"<>]+"))
                    .orElse(LinkChecker.of(getServletContext()).porticoUrl(request.getLocalPort()).toString());
            body.append("<dl id=\"probe\" data-portico=\"").append(Html.escape(portico)).append("\" data-state=\"running\">")
                    .append("<dt>document.cookie</dt><dd id=\"cookies\"></dd>")
                    .append("<dt>GET /api/admin/apps (cors)</dt><dd id=\"api\"></dd>")
                    .append("<dt>GET /api/admin/apps (no-cors)</dt><dd id=\"api-opaque\"></dd>")
                    .append("<dt>GET /home.xhtml (cors)</dt><dd id=\"home-page\"></dd>")
                    .append("<dt>GET /home.xhtml (no-cors)</dt><dd id=\"home-opaque\"></dd>")
                    .append("<dt>/home.xhtml in a frame</dt><dd id=\"frame\"></dd></dl>")
                    .append("<script src=\"probe.js\"></script>");
        } else {
            body.append("<p id=\"page\">Start page</p>");
        }
        // Portico's pages may show these pages in a pane: Portico's origin may frame them.
        String ancestors = "frame-ancestors 'self'" + porticoOrigin(request).map(origin -> " " + origin).orElse("");
        if (page.equals("/probe")) {
            // The probe's script may try to reach Portico (that is the point: the browser must refuse to hand it
            // anything), so this page's policy allows connections and frames anywhere, scripts from here only.
            response.setHeader("Content-Security-Policy", "default-src 'self'; connect-src *; frame-src *;"
                    + " object-src 'none'; base-uri 'none'; form-action 'self'; " + ancestors);
        } else {
            response.setHeader("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY
                    .replace("frame-ancestors 'self'", ancestors));
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Demo App through Portico</title><link rel=\"stylesheet\" href=\"style.css\"></head><body>"
                + "<header class=\"bar\"><span class=\"bar__name\">Demo App</span><span class=\"bar__note\">served"
                + " through Portico's reverse proxy</span></header><main>" + body + "</main></body></html>");
    }

    private Optional<String> porticoOrigin(HttpServletRequest request) {
        try {
            return Optional.of(PaneServlet.origin(LinkChecker.of(getServletContext()).portico(request.getLocalPort())
                    .issuer()));
        } catch (PorticoUnavailableException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final byte[] SMALL = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static void small(HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setContentLength(SMALL.length);
        response.getOutputStream().write(SMALL);
    }

    private static void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            response.sendError(405);
            return;
        }
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                bytes += n;
            }
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"bytes\":" + bytes + "}");
    }

    private static void slow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int seconds;
        try {
            seconds = Integer.parseInt(Optional.ofNullable(request.getParameter("seconds")).orElse("5"));
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > 30) {
            response.sendError(400, "seconds must be a whole number from 1 to 30");
            return;
        }
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Answered after " + seconds + " s");
    }

    /** The demo app's style sheet, as {@code /assets/demo-app.css} has it. */
    private void style(HttpServletResponse response) throws IOException {
        try (var css = getServletContext().getResourceAsStream("/assets/demo-app.css")) {
            if (css == null) {
                response.sendError(404);
                return;
            }
            response.setContentType("text/css;charset=UTF-8");
            response.setHeader("Cache-Control", "max-age=300");
            css.transferTo(response.getOutputStream());
        }
    }

    private static void script(HttpServletResponse response) throws IOException {
        response.setContentType("text/javascript;charset=UTF-8");
        response.getWriter().write("""
                (async () => {
                  const probe = document.getElementById('probe');
                  const portico = probe.dataset.portico;
                  const show = (id, text) => { document.getElementById(id).textContent = text; };
                  show('cookies', document.cookie || '(none)');
                  const read = async (path, mode) => {
                    try {
                      const response = await fetch(portico + path, {credentials: 'include', mode: mode});
                      const text = await response.text();
                      return (response.type === 'opaque' ? 'opaque' : 'read') + ' status ' + response.status
                          + ', ' + text.length + ' characters';
                    } catch (e) {
                      return 'refused: ' + e.name;
                    }
                  };
                  show('api', await read('/api/admin/apps', 'cors'));
                  show('api-opaque', await read('/api/admin/apps', 'no-cors'));
                  show('home-page', await read('/home.xhtml', 'cors'));
                  show('home-opaque', await read('/home.xhtml', 'no-cors'));
                  const frame = document.createElement('iframe');
                  frame.src = portico + '/home.xhtml';
                  const loaded = new Promise(resolve => { frame.onload = resolve; setTimeout(resolve, 3000); });
                  document.body.appendChild(frame);
                  await loaded;
                  try {
                    const text = frame.contentDocument ? frame.contentDocument.body.innerText : null;
                    show('frame', text === null ? 'no document' : 'read ' + text.length + ' characters');
                  } catch (e) {
                    show('frame', 'refused: ' + e.name);
                  }
                  probe.dataset.state = 'done';
                })();
                """);
    }

    private static int visits(HttpServletRequest request) {
        return Arrays.stream(Optional.ofNullable(request.getCookies()).orElse(new Cookie[0]))
                .filter(cookie -> cookie.getName().equals(VISITS)).findFirst()
                .map(cookie -> {
                    try {
                        return Math.max(0, Math.min(1_000_000, Integer.parseInt(cookie.getValue())));
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }).orElse(0);
    }

    private Optional<AccessToken> verifiedUser(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(LinkChecker.of(getServletContext()).portico(request.getLocalPort())
                .accessTokenVerifier().verify(authorization.substring(7).strip()));
    }

    /** What reached the app: every header by name (lower case), the token's value replaced by whether it verified. */
    private void headers(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        headers.forEach((name, values) -> json.add(name, Json.createArrayBuilder(name.equals("authorization")
                ? values.stream().map(value -> value.startsWith("Bearer ") ? "Bearer (a token)" : "other").toList()
                : values)));
        String user;
        try {
            user = verifiedUser(request).map(AccessToken::subject).orElse("");
        } catch (AccessTokenRejectedException | PorticoUnavailableException e) {
            user = "refused";
        }
        response.setContentType("application/json");
        response.getWriter().write(Json.createObjectBuilder().add("headers", json).add("verifiedUser", user)
                .add("method", request.getMethod()).add("uri", request.getRequestURI()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString())).build().toString());
    }

    /** N MiB of a repeating pattern, written in 64 KiB pieces: the app never holds the file, nor should the proxy. */
    private static void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int mb;
        try {
            mb = Integer.parseInt(Optional.ofNullable(request.getParameter("mb")).orElse("5"));
        } catch (NumberFormatException e) {
            mb = -1;
        }
        if (mb < 1 || mb > 50) {
            response.sendError(400, "mb must be a whole number from 1 to 50");
            return;
        }
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", "attachment; filename=\"demo-" + mb + "mb.bin\"");
        response.setContentLengthLong((long) mb * MIB);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        OutputStream out = response.getOutputStream();
        for (long written = 0; written < (long) mb * MIB; written += chunk.length) {
            out.write(chunk);
        }
    }
}

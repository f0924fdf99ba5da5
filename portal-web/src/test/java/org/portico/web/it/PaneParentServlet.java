package org.portico.web.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Deployed by {@link DemoAppPaneIT} only, as a WAR of its own at {@code /pane-parent} on Portico's server, so on
 * Portico's origin and with its session: the parent side of the pane handshake, as small as it can be, to try the demo
 * app's pane page in a real browser. {@code GET /pane-parent/?pane=<url>&audience=<aud>}
 * frames the pane (sandboxed as the demo data registers it) and answers each hello from that frame, and from nothing
 * else, with a token from Portico's {@code /api/token} over the session, posted to the pane's origin only
 * ({@code &expiresIn=2} announces a short lifetime, so the pane asks again within a second). Portico's own pane
 * widget is the real parent; this one only serves the demo app's tests.
 */
@WebServlet("/*")
public class PaneParentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String SCRIPT = """
            (() => {
                'use strict';
                const frame = document.getElementById('pane');
                const paneOrigin = new URL(frame.src).origin;
                const { audience, expiresIn } = document.body.dataset;
                let hellos = 0;
                const answer = (message) => frame.contentWindow.postMessage({ version: 1, ...message }, paneOrigin);
                window.addEventListener('message', (event) => {
                    if (event.origin !== paneOrigin || event.source !== frame.contentWindow || event.data?.type !== 'portico:hello') {
                        return;
                    }
                    document.body.dataset.hellos = String(++hellos);
                    fetch('/api/token?audience=' + encodeURIComponent(audience), { headers: { Accept: 'application/json' } })
                        .then((response) => response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)))
                        .then((token) => answer({ type: 'portico:token', accessToken: token.access_token,
                            expiresIn: expiresIn ? Number(expiresIn) : token.expires_in, audience }))
                        .catch((error) => answer({ type: 'portico:error', error: error.message }));
                });
            })();
            """;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/parent.js".equals(request.getPathInfo())) {
            write(response, "text/javascript;charset=UTF-8", SCRIPT);
            return;
        }
        URI pane = URI.create(request.getParameter("pane"));
        String paneOrigin = pane.getScheme() + "://" + pane.getHost() + ":" + pane.getPort();
        String expiresIn = request.getParameter("expiresIn") == null ? "" : request.getParameter("expiresIn");
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; frame-src " + paneOrigin);
        write(response, "text/html;charset=UTF-8", """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Pane parent (test)</title></head>
                <body data-audience="%s" data-expires-in="%s">
                <iframe id="pane" src="%s" sandbox="allow-scripts allow-same-origin allow-forms" width="900" height="420"></iframe>
                <script src="%s/parent.js"></script>
                </body></html>
                """.formatted(attribute(request.getParameter("audience")), attribute(expiresIn), attribute(pane.toString()),
                request.getContextPath()));
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void write(HttpServletResponse response, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

package org.portico.demoapp.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.demoapp.verify.PorticoUnavailableException;

/**
 * {@code GET /pane}: the page Portico shows in an app pane. It may be framed by Portico's origin and by nothing else
 * ({@code Content-Security-Policy: frame-ancestors <Portico's origin>}; the rest of the app keeps
 * {@code frame-ancestors 'self'}); its script ({@code assets/pane.js} on the copy-paste snippet
 * {@code assets/portico-pane.js}) asks Portico for an access token with the pane handshake, calls {@code /api/me} with
 * it and shows the verified user.
 *
 * <p>Portico's origin is that of the issuer in Portico's discovery document, its public URL: the demo app may reach
 * Portico at another address ({@code demo-app.portico-url}, by default 127.0.0.1 on the same server), and the page
 * itself is framed under the other loopback name (Portico at localhost frames 127.0.0.1 and vice versa), so neither
 * the request's host nor the back-channel URL would do. When the discovery document cannot be read the page may be
 * framed by nobody ({@code frame-ancestors 'none'}) and says why.
 */
@WebServlet(name = "Pane", urlPatterns = "/pane")
public class PaneServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PaneServlet.class.getName());

    /** The app's policy ({@link SecurityHeadersFilter}) with another {@code frame-ancestors}. */
    static String contentSecurityPolicy(Optional<String> porticoOrigin) {
        return SecurityHeadersFilter.CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'",
                "frame-ancestors " + porticoOrigin.orElse("'none'"));
    }

    /**
     * The origin of a URL as browsers write it in {@code event.origin}: lower-case scheme and host, the port only when
     * it is not the scheme's default.
     *
     * @throws IllegalArgumentException for anything but an absolute http(s) URL with a host
     */
    static String origin(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) URL with a host: '" + url + "'");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LinkChecker checker = LinkChecker.of(getServletContext());
        Optional<String> porticoOrigin;
        String problem = null;
        try {
            porticoOrigin = Optional.of(origin(checker.portico(request.getLocalPort()).issuer()));
        } catch (PorticoUnavailableException e) {
            LOG.warning(e::getMessage);
            porticoOrigin = Optional.empty();
            problem = e.getMessage();
        } catch (IllegalArgumentException e) {
            porticoOrigin = Optional.empty();
            problem = "Portico's discovery document names an issuer that is no http(s) URL: " + e.getMessage();
        }
        byte[] body = PanePage.render(request.getContextPath(), porticoOrigin, problem).getBytes(StandardCharsets.UTF_8);
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(porticoOrigin));
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

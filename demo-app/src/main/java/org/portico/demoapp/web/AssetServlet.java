package org.portico.demoapp.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The stylesheet and the scripts under {@code /assets/}. {@link PageServlet} answers every other path ("/"), which
 * takes the container's default servlet off static files, and mapping that one to {@code /assets/*} behaves
 * differently per container (Undertow looks the file up by the path after {@code /assets}); two known files served
 * here are simpler. Anything else under {@code /assets/} is 404.
 */
@WebServlet(name = "Assets", urlPatterns = "/assets/*")
public class AssetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final Map<String, String> FILES = Map.of(
            "/demo-app.css", "text/css;charset=UTF-8",
            "/demo-app.js", "text/javascript;charset=UTF-8",
            "/pane.js", "text/javascript;charset=UTF-8",
            // demo-app/portico-pane.js, the snippet for app developers, copied here by the WAR build.
            "/portico-pane.js", "text/javascript;charset=UTF-8");

    /** The files' bytes, read from the WAR once when the servlet starts. */
    private final Map<String, byte[]> bodies = new HashMap<>();

    @Override
    public void init() throws ServletException {
        for (String name : FILES.keySet()) {
            try (InputStream in = getServletContext().getResourceAsStream("/assets" + name)) {
                if (in == null) {
                    throw new ServletException("The WAR lacks /assets" + name);
                }
                bodies.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new ServletException("Cannot read /assets" + name, e);
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo();
        String type = name == null ? null : FILES.get(name);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = bodies.get(name);
        response.setContentType(type);
        // Not fingerprinted: a short lifetime, so a new deployment shows its new stylesheet soon.
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

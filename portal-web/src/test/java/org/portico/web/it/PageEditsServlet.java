package org.portico.web.it;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.web.page.PageInfo;
import org.portico.web.page.PageJson;
import org.portico.web.page.PageService;
import org.portico.web.user.Role;
import org.portico.web.user.UserService;

/**
 * Test WARs only, for {@link PageEditorIT}: {@code GET /it/page-edits?slug=} answers the stored page and its revision as
 * JSON (what the editor saved); {@code POST /it/page-edits} with {@code slug} and {@code by} saves the page unchanged as
 * another admin would meanwhile (a new revision), and with {@code user} creates a user who has only the
 * content-editor role (password {@code portico-demo}), someone whose roles a page may not list.
 */
@WebServlet("/it/page-edits")
public class PageEditsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PageService pages;

    @Inject
    UserService users;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PageInfo info = pages.find(request.getParameter("slug")).orElse(null);
        if (info == null) {
            response.sendError(404);
            return;
        }
        response.setContentType("application/json");
        response.getWriter().print(Json.createObjectBuilder().add("revision", info.revision())
                .add("page", PageJson.write(info.page())).build());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        if (user != null) {
            if (users.findByUsername(user).isEmpty()) {
                users.create(user, user, user + "@portico.example", "portico-demo", Set.copyOf(EnumSet.of(Role.CONTENT_EDITOR)));
            }
            response.setStatus(204);
            return;
        }
        String slug = request.getParameter("slug");
        PageInfo info = pages.find(slug).orElse(null);
        if (info == null) {
            response.sendError(404);
            return;
        }
        PageInfo saved = pages.update(slug, info.page(), info.revision(), request.getParameter("by"));
        response.setContentType("text/plain");
        response.getWriter().print(saved.revision());
    }
}

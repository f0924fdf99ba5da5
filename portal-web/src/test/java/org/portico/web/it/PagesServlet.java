package org.portico.web.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.web.page.PageJson;
import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.RejectedException;

/**
 * Test WARs only: {@code POST /it/pages} with a page as the page JSON describes it creates that page through
 * {@link PageService}, as the page editor would, so that stories about widgets can set up the page they need.
 * 201 when created, 400 with the problems otherwise.
 */
@WebServlet("/it/pages")
public class PagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PageService pages;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<FieldMessage> problems = new ArrayList<>();
        PortalPage page;
        try (JsonReader reader = Json.createReader(request.getReader())) {
            JsonObject json = reader.readObject();
            page = PageJson.read(json, problems);
        } catch (JsonException e) {
            response.sendError(400, "not a JSON object: " + e.getMessage());
            return;
        }
        response.setContentType("text/plain");
        if (!problems.isEmpty()) {
            response.setStatus(400);
            response.getWriter().print(problems);
            return;
        }
        try {
            pages.create(page, "it");
            response.setStatus(201);
            response.getWriter().print(page.slug());
        } catch (RejectedException e) {
            response.setStatus(400);
            response.getWriter().print(e.getMessage() + " " + e.fieldErrors());
        }
    }
}

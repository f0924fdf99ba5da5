package org.portico.web.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
 * Test WARs only: stores a portal page as the page editor will, through {@link PageService} (every widget checked by
 * its kind), for the browser tests of the widget kinds until the pages' REST API exists. {@code POST /it/widget-page}
 * with the page's JSON (the export format of {@link PageJson}); 201, or 400 with {@code errors} (field and English
 * message of each problem).
 */
@WebServlet("/it/widget-page")
public class WidgetPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PageService pages;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<FieldMessage> problems = new ArrayList<>();
        try (JsonReader reader = Json.createReader(request.getReader())) {
            PortalPage page = PageJson.read(reader.readObject(), problems);
            if (problems.isEmpty()) {
                pages.create(page, "it");
                response.setStatus(201);
                return;
            }
        } catch (JsonException e) {
            response.sendError(400, "not a JSON object: " + e.getMessage());
            return;
        } catch (RejectedException e) {
            problems.addAll(e.fieldErrors());
        }
        JsonArrayBuilder errors = Json.createArrayBuilder();
        problems.forEach(p -> errors.add(Json.createObjectBuilder().add("field", p.field()).add("message", p.message())));
        response.setStatus(400);
        response.setContentType("application/json");
        JsonObject body = Json.createObjectBuilder().add("errors", errors).build();
        response.getWriter().print(body);
    }
}

package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import org.portico.web.problem.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.portico.deeplink.link.RouteProblem;
import org.portico.web.link.ImportReport;
import org.portico.web.i18n.Texts;
import org.portico.web.link.RouteDraft;
import org.portico.web.link.RouteJson;
import org.portico.web.link.RouteProblems;
import org.portico.web.link.RouteRejectedException;
import org.portico.web.link.RouteService;
import org.portico.web.link.StoredRoute;
import org.portico.web.user.Role;

/**
 * The link routes for site admins, {@code /api/admin/routes} (route format: {@link RouteJson}):
 * <ul>
 *   <li>{@code GET /api/admin/routes?q=&first=0&max=50} → {@code {"total": n, "items": [route…]}}</li>
 *   <li>{@code GET /api/admin/routes/{name}} → route</li>
 *   <li>{@code POST /api/admin/routes} → 201, {@code Location}, route</li>
 *   <li>{@code PUT /api/admin/routes/{name}} (body with the {@code version} last read) → route</li>
 *   <li>{@code DELETE /api/admin/routes/{name}} → 204</li>
 *   <li>{@code GET /api/admin/routes/export} → every route as one file ({@code formatVersion} 1), a download</li>
 *   <li>{@code POST /api/admin/routes/import?dryRun=true|false} → what was (or would be) created, updated, left
 *       unchanged. The whole file is checked first; on any problem nothing is written and the answer is 400 with
 *       every problem ({@code routes[3].parameters[0].pattern}). Routes the file does not name stay as they are.</li>
 * </ul>
 * Bodies are JSON (415 otherwise) of at most {@code portico.api.max-body-size} bytes (413, {@link BodyLimitFilter}),
 * well-formed (400). Every error is problem+json; 401 for guests, 403 without the site-admin role.
 */
@Path("admin/routes")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    @Inject
    RouteService routes;

    @Inject
    Clock clock;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    public JsonObject list(@QueryParam("q") String query, @QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        Page page = Page.of(first, max);
        return Page.answer(routes.count(query), routes.search(query, page.first(), page.size(), "name", true),
                RouteJson::write);
    }

    @GET
    @Path("export")
    public Response export() {
        String filename = "portico-routes-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(clock)) + ".json";
        return Response.ok(RouteJson.document(routes.all(), clock.instant()).toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importRoutes(@QueryParam("dryRun") @DefaultValue("false") String dryRun, InputStream body) {
        boolean dry = switch (dryRun.strip()) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new ApiProblemException(400, "'dryRun' must be true or false.");
        };
        RouteJson.Document document = RouteJson.readDocument(read(body, "an export file of routes"));
        try {
            return Response.ok(report(routes.importRoutes(document.routes(), document.problems(), dry)).toString(),
                    MediaType.APPLICATION_JSON_TYPE).build();
        } catch (RouteRejectedException.InvalidRoute invalid) {
            // Said like every other refusal: in the request's language, which the answer names.
            Locale locale = ProblemMappers.Rejected.language(headers.getAcceptableLanguages());
            Response problem = Problems.response(400, "invalid-route-import",
                    Texts.format(locale, "problem.invalid-route-import.title"),
                    Texts.format(locale, "problem.route.nothing-imported"),
                    Map.of("errors", ProblemMappers.errors(invalid.fieldErrors(), locale)));
            problem.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            return problem;
        }
    }

    @GET
    @Path("{name}")
    public JsonObject get(@PathParam("name") String name) {
        return RouteJson.write(routes.getByName(name)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        RouteDraft draft = draft(read(body, "a route"), null, new ArrayList<>());
        StoredRoute created = routes.create(draft);
        URI location = uriInfo.getAbsolutePathBuilder().path(created.getName()).build();
        return Response.created(location).entity(RouteJson.write(created).build().toString()).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("name") String name, InputStream body) {
        JsonValue json = read(body, "a route");
        StoredRoute existing = routes.getByName(name);
        List<RouteProblem> problems = new ArrayList<>();
        Long version = null;
        JsonValue given = json instanceof JsonObject object ? object.get("version") : null;
        if (given instanceof JsonNumber number && number.isIntegral()) {
            version = number.longValue();
        } else {
            problems.add(RouteProblems.of("version", "problem.route.version-missing"));
        }
        if (json instanceof JsonObject object && !object.containsKey("name")) {
            // The path names the route; the body need not repeat it.
            json = JSON.createObjectBuilder(object).add("name", name).build();
        }
        RouteDraft draft = draft(json, existing, problems);
        return RouteJson.write(routes.update(name, version, draft)).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        routes.delete(name);
        return Response.noContent().build();
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    /** Reads a route; problems of its form are reported together with everything the service finds. */
    private RouteDraft draft(JsonValue json, StoredRoute existing, List<RouteProblem> problems) {
        RouteDraft draft = RouteJson.read(json, problems);
        if (!problems.isEmpty()) {
            throw new RouteRejectedException.InvalidRoute(routes.problems(problems, draft, existing));
        }
        return draft;
    }

    private static JsonObject report(ImportReport report) {
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        report.entries().forEach(entry -> entries.add(JSON.createObjectBuilder()
                .add("name", entry.name()).add("action", entry.action().code())));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("dryRun", report.dryRun());
        for (ImportReport.Action action : ImportReport.Action.values()) {
            json.add(action.code(), JSON.createArrayBuilder(report.names(action)));
        }
        return json.add("routes", entries).build();
    }

    /**
     * The body as JSON: UTF-8 and well-formed (400). Its size is capped by {@link BodyLimitFilter} (413), whose
     * exception passes through here.
     */
    static JsonValue read(InputStream body, String what) {
        byte[] bytes = readAll(body);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblemException(400, "The body must be JSON in UTF-8.");
        }
        if (text.isBlank()) {
            throw new ApiProblemException(400, "The body is empty; send " + what + " as JSON.");
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
            throw new ApiProblemException(400, "The body is not valid JSON" + where + "; send " + what + " as JSON.");
        } catch (JsonException | IllegalStateException e) {
            throw new ApiProblemException(400, "The body is not valid JSON; send " + what + " as JSON.");
        }
    }

    private static byte[] readAll(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new ApiProblemException(400, "The body could not be read completely.");
        }
    }
}

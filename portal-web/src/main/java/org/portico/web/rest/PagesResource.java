package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.portico.web.i18n.Texts;
import org.portico.web.page.PageImportReport;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageJson;
import org.portico.web.page.PageRejectedException;
import org.portico.web.page.PageRules;
import org.portico.web.page.PageService;
import org.portico.web.page.PageVersionInfo;
import org.portico.web.page.PortalPage;
import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetTypes;
import org.portico.web.problem.FieldMessage;
import org.portico.web.problem.Problems;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;

/**
 * The portal pages for site admins, {@code /api/admin/pages} (page format: {@link PageJson}):
 * <ul>
 *   <li>{@code GET /api/admin/pages} → {@code {"total": n, "items": [{"slug", "title", "roles", "inNavigation",
 *       "navOrder", "revision", "updatedAt", "updatedBy", "widgetCount"}…]}}</li>
 *   <li>{@code GET /api/admin/pages/{slug}} → the page with {@code revision}, {@code updatedAt}, {@code updatedBy};
 *       the revision also as the strong {@code ETag} ({@code "3"})</li>
 *   <li>{@code POST /api/admin/pages} → 201, {@code Location}, {@code ETag}, the page</li>
 *   <li>{@code PUT /api/admin/pages/{slug}} with {@code If-Match: "<revision>"} (the ETag the page was read with)
 *       → the page as saved, its new ETag. Without {@code If-Match} 428; when someone saved the page since, 409
 *       saying who and when; the body's {@code revision} is ignored, its {@code slug} may be left out</li>
 *   <li>{@code DELETE /api/admin/pages/{slug}} → 204 (the home page: 409)</li>
 *   <li>{@code GET /api/admin/pages/{slug}/versions} → {@code {"slug", "versions": [{"revision", "savedAt",
 *       "savedBy"}…]}}, newest first</li>
 *   <li>{@code GET /api/admin/pages/{slug}/versions/{revision}} → the page as that version saved it, with
 *       {@code revision}, {@code savedAt}, {@code savedBy}</li>
 *   <li>{@code POST /api/admin/pages/{slug}/versions/{revision}/revert} with {@code If-Match} → the page, now as
 *       that version was, saved as a new version</li>
 *   <li>{@code GET /api/admin/pages/export} → {@code {"pages": [page…]}}, a download</li>
 *   <li>{@code POST /api/admin/pages/import?dryRun=true|false} → {@code {"dryRun", "created", "updated",
 *       "unchanged", "pages": [{"slug", "action"}…]}}. The whole file is checked first; on any problem nothing is
 *       written and the answer is 400 with every problem ({@code pages/0/widgets/1/settings/block}). Pages the file
 *       does not name stay as they are.</li>
 * </ul>
 * Bodies are JSON (415 otherwise) of at most {@code portico.api.max-body-size} bytes (413, {@link BodyLimitFilter}),
 * well-formed (400). Every error is problem+json; 401 for guests, 403 without the site-admin role. Changes are
 * recorded as made by the logged-in admin.
 */
@Path("admin/pages")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PagesResource {

    /** What {@code If-Match} must hold: one strong entity tag naming a revision, as {@code ETag} gave it. */
    static final String IF_MATCH_REQUIRED = "Send If-Match with the page's ETag as you read it (If-Match: \"3\"):"
            + " a page is changed only on the revision the change was made on.";
    /** A rule's field about one widget: its number among the widgets read, and the rest. */
    private static final Pattern WIDGET_FIELD = Pattern.compile("widgets/(\\d+)(/.*)?");
    static final String IF_MATCH_INVALID = "If-Match must be one ETag of the page as GET gave it, such as \"3\".";

    @Inject
    PageService pages;

    @Inject
    WidgetTypes types;

    @Inject
    CurrentUser currentUser;

    @Inject
    Clock clock;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    public JsonObject list() {
        List<PageInfo> all = pages.all();
        return Page.answer(all.size(), all, PagesResource::summary);
    }

    @GET
    @Path("export")
    public Response export() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        pages.all().forEach(info -> all.add(PageJson.write(info.page())));
        String filename = "portico-pages-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(clock)) + ".json";
        return Response.ok(JSON.createObjectBuilder().add("pages", all).build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importPages(@QueryParam("dryRun") @DefaultValue("false") String dryRun, InputStream body) {
        boolean dry = switch (dryRun.strip()) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new ApiProblemException(400, "'dryRun' must be true or false.");
        };
        JsonValue json = RoutesResource.read(body, "an export file of pages");
        try {
            List<PortalPage> file = readFile(json);
            return Response.ok(report(pages.importPages(file, dry, currentUser.getUsername())).toString(),
                    MediaType.APPLICATION_JSON_TYPE).build();
        } catch (PageRejectedException.InvalidPage invalid) {
            // Said like every other refusal: in the request's language, which the answer names.
            Locale locale = ProblemMappers.Rejected.language(headers.getAcceptableLanguages());
            Response problem = Problems.response(400, "invalid-page-import",
                    Texts.format(locale, "api.pages.import.title"), Texts.format(locale, "api.pages.import.nothing"),
                    Map.of("errors", ProblemMappers.errors(invalid.fieldErrors(), locale)));
            problem.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            return problem;
        }
    }

    @GET
    @Path("{slug}")
    public Response get(@PathParam("slug") String slug) {
        return withRevision(Response.ok(), find(slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        PortalPage page = readPage(RoutesResource.read(body, "a page"), null);
        PageInfo created = pages.create(page, currentUser.getUsername());
        URI location = uriInfo.getAbsolutePathBuilder().path(created.page().slug()).build();
        return withRevision(Response.created(location), created);
    }

    @PUT
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("slug") String slug, InputStream body) {
        find(slug);
        long expected = expectedRevision();
        PortalPage page = readPage(RoutesResource.read(body, "a page"), slug);
        return withRevision(Response.ok(), pages.update(slug, page, expected, currentUser.getUsername()));
    }

    @DELETE
    @Path("{slug}")
    public Response delete(@PathParam("slug") String slug) {
        pages.delete(slug, currentUser.getUsername());
        return Response.noContent().build();
    }

    @GET
    @Path("{slug}/versions")
    public JsonObject versions(@PathParam("slug") String slug) {
        JsonArrayBuilder versions = JSON.createArrayBuilder();
        pages.versions(slug).forEach(version -> versions.add(version(version)));
        return JSON.createObjectBuilder().add("slug", slug).add("versions", versions).build();
    }

    @GET
    @Path("{slug}/versions/{revision}")
    public JsonObject version(@PathParam("slug") String slug, @PathParam("revision") String revision) {
        long number = revision(slug, revision);
        PortalPage page = pages.version(slug, number);
        PageVersionInfo info = pages.versions(slug).stream().filter(version -> version.revision() == number)
                .findFirst().orElseThrow(() -> new PageRejectedException.PageNotFound(slug + " @ " + number));
        return JSON.createObjectBuilder(PageJson.write(page)).addAll(version(info)).build();
    }

    @POST
    @Path("{slug}/versions/{revision}/revert")
    public Response revert(@PathParam("slug") String slug, @PathParam("revision") String revision) {
        long number = revision(slug, revision);
        find(slug);
        long expected = expectedRevision();
        return withRevision(Response.ok(), pages.revert(slug, number, expected, currentUser.getUsername()));
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private PageInfo find(String slug) {
        return pages.find(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
    }

    /** The answer with the page, its revision and its {@code ETag}. */
    private static Response withRevision(Response.ResponseBuilder response, PageInfo info) {
        return response.entity(withRevision(info).toString()).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(Long.toString(info.revision())))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * The revision a change was made on, from {@code If-Match}: 428 without one (or with {@code *}, which names
     * none), 412 for anything but one strong tag of the form {@code ETag} has — a weak one never matches (RFC 9110).
     */
    private long expectedRevision() {
        return IfMatch.number(headers, IF_MATCH_REQUIRED, IF_MATCH_INVALID);
    }

    /** A version's number from the path; a path that names no version is a 404 like any unknown one. */
    private static long revision(String slug, String revision) {
        if (revision == null || !revision.matches("\\d{1,18}")) {
            throw new PageRejectedException.PageNotFound(slug + " @ " + (revision == null ? "" : revision.replaceAll("[^\\w-]", "?")));
        }
        return Long.parseLong(revision);
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    /**
     * The page a request body describes; the slug comes from the path when the body leaves it out. Every problem of
     * the body is refused here at once, those of its shape (a string where a number belongs, an unknown kind) and
     * those of the rules; the service checks the rules again before it writes.
     */
    private PortalPage readPage(JsonValue json, String pathSlug) {
        if (!(json instanceof JsonObject object)) {
            throw new ApiProblemException(400, "The body must be a JSON object: a page.");
        }
        if (pathSlug != null && !object.containsKey("slug")) {
            object = JSON.createObjectBuilder(object).add("slug", pathSlug).build();
        }
        List<FieldMessage> problems = new ArrayList<>();
        PortalPage page = read(object, "", problems);
        if (!problems.isEmpty()) {
            throw new PageRejectedException.InvalidPage(problems);
        }
        return page;
    }

    /** The pages of an export file ({@code {"pages": […]}}), or every problem of all of them. */
    private List<PortalPage> readFile(JsonValue json) {
        JsonValue list = json instanceof JsonObject object ? object.get("pages") : null;
        if (!(list instanceof JsonArray array)) {
            throw new PageRejectedException.InvalidPage(List.of(FieldMessage.of("pages", "api.pages.import.pages")));
        }
        List<FieldMessage> problems = new ArrayList<>();
        List<PortalPage> file = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonObject page) {
                file.add(read(page, "pages/" + i + "/", problems));
            } else {
                problems.add(FieldMessage.of("pages/" + i, "api.pages.import.page"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PageRejectedException.InvalidPage(problems);
        }
        return file;
    }

    /**
     * One page, its problems added named {@code prefix + field}: those of its shape, then those of the rules on
     * fields the shape did not already name. A widget of an unknown kind is not read at all, so the rules number the
     * widgets after it differently: their problems are named by the widget's place in the body.
     */
    private PortalPage read(JsonObject json, String prefix, List<FieldMessage> problems) {
        List<FieldMessage> found = new ArrayList<>();
        PortalPage page = PageJson.read(json, found);
        Set<String> named = found.stream().map(FieldMessage::field).collect(Collectors.toSet());
        List<Integer> places = placesOfReadWidgets(json.get("widgets"));
        for (FieldMessage problem : new PageRules(types).check(page)) {
            String field = problem.field();
            Matcher widget = WIDGET_FIELD.matcher(field);
            if (widget.matches() && Integer.parseInt(widget.group(1)) < places.size()) {
                field = "widgets/" + places.get(Integer.parseInt(widget.group(1)))
                        + (widget.group(2) == null ? "" : widget.group(2));
            }
            if (!named.contains(field)) {
                found.add(new FieldMessage(field, problem.message(), problem.key(), problem.params()));
            }
        }
        found.forEach(problem -> problems.add(new FieldMessage(prefix + problem.field(), problem.message(),
                problem.key(), problem.params())));
        return page;
    }

    /** The places in the body's {@code widgets} of the widgets {@link PageJson} reads: objects of a known kind. */
    private static List<Integer> placesOfReadWidgets(JsonValue widgets) {
        List<Integer> places = new ArrayList<>();
        if (widgets instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof JsonObject widget && widget.get("kind") instanceof JsonString kind
                        && WidgetKind.findById(kind.getString()).isPresent()) {
                    places.add(i);
                }
            }
        }
        return places;
    }

    private static JsonObjectBuilder summary(PageInfo info) {
        PortalPage page = info.page();
        return JSON.createObjectBuilder()
                .add("slug", page.slug())
                .add("title", page.title())
                .add("roles", JSON.createArrayBuilder(page.roles()))
                .add("inNavigation", page.inNavigation())
                .add("navOrder", page.navOrder())
                .add("revision", info.revision())
                .add("updatedAt", info.updatedAt().toString())
                .add("updatedBy", info.updatedBy())
                .add("widgetCount", page.widgets().size());
    }

    private static JsonObject withRevision(PageInfo info) {
        return JSON.createObjectBuilder(PageJson.write(info.page()))
                .add("revision", info.revision())
                .add("updatedAt", info.updatedAt().toString())
                .add("updatedBy", info.updatedBy())
                .build();
    }

    private static JsonObjectBuilder version(PageVersionInfo version) {
        return JSON.createObjectBuilder()
                .add("revision", version.revision())
                .add("savedAt", version.savedAt().toString())
                .add("savedBy", version.savedBy());
    }

    private static JsonObject report(PageImportReport report) {
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        report.entries().forEach(entry -> entries.add(JSON.createObjectBuilder()
                .add("slug", entry.slug()).add("action", entry.action().code())));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("dryRun", report.dryRun());
        for (PageImportReport.Action action : PageImportReport.Action.values()) {
            json.add(action.code(), JSON.createArrayBuilder(report.entries().stream()
                    .filter(entry -> entry.action() == action).map(PageImportReport.Entry::slug).toList()));
        }
        return json.add("pages", entries).build();
    }
}

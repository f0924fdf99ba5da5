package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.portico.cms.spi.ConnectionCheck;
import org.portico.web.cms.source.CmsSource;
import org.portico.web.cms.source.CmsSourceChange;
import org.portico.web.cms.source.CmsSourceRejectedException;
import org.portico.web.cms.source.CmsSourceService;
import org.portico.web.cms.source.CmsSourceType;
import org.portico.web.cms.source.CmsSources;
import org.portico.web.cms.source.CmsWebhooks;
import org.portico.web.problem.FieldMessage;
import org.portico.web.security.CurrentUser;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.user.Role;

/**
 * External CMS sources for site admins, {@code /api/admin/cms/sources}:
 * <ul>
 *   <li>{@code GET} → {@code {"total", "items": [source…]}}; {@code GET /{id}} → the source, its lock as {@code ETag}</li>
 *   <li>{@code POST} with {@code {"id", "type": "wordpress|strapi", "name", "baseUrl", "options": {name: text},
 *       "credential", "timeoutMillis", "freshForSeconds", "enabled", "allowInternalHost"}} → 201, the source with its
 *       {@code webhookUrl} and, this once, its {@code webhookSecret}</li>
 *   <li>{@code PUT /{id}} with {@code If-Match} → the source ({@code credential} left out keeps the stored one, an
 *       empty one removes it)</li>
 *   <li>{@code POST /{id}/test} → {@code {"reached", "summary", "tookMillis", "problem"}}: what was reached, how fast</li>
 *   <li>{@code POST /{id}/webhook-secret} → the source with a new {@code webhookSecret}, shown this once</li>
 *   <li>{@code DELETE /{id}} → 204</li>
 * </ul>
 * A source never answers its credential or webhook secret (but when made); {@code hasCredential} says whether there
 * is one. Options: WordPress {@code user} (for the application password), {@code siteLanguage}; Strapi
 * {@code pageCollection} (e.g. {@code pages}), {@code pageModel} ({@code page}), {@code blockCollection},
 * {@code blockModel}, {@code slugField}, {@code titleField}, {@code bodyField}, {@code secretHeader}.
 */
@Path("admin/cms/sources")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CmsSourcesResource {

    static final String IF_MATCH_REQUIRED = "Send If-Match with the source's ETag as you read it (If-Match: \"3\").";
    static final String IF_MATCH_INVALID = "If-Match must be one ETag of the source as GET gave it, such as \"3\".";

    @Inject
    CmsSourceService service;

    @Inject
    CmsSources sources;

    @Inject
    CurrentUser currentUser;

    @Inject
    PorticoIssuer issuer;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    @GET
    public JsonObject list() {
        List<CmsSource> all = service.all();
        return Page.answer(all.size(), all, this::json);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return answer(Response.ok(), find(id), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        JsonObject json = object(RoutesResource.read(body, "a CMS source"));
        List<FieldMessage> problems = new ArrayList<>();
        String id = json.get("id") instanceof JsonString text ? text.getString() : null;
        CmsSourceType type = json.get("type") instanceof JsonString text ? switch (text.getString()) {
            case "wordpress" -> CmsSourceType.WORDPRESS;
            case "strapi" -> CmsSourceType.STRAPI;
            default -> null;
        } : null;
        CmsSourceChange change = change(json, problems);
        if (!problems.isEmpty()) {
            throw new CmsSourceRejectedException.InvalidSource(problems);
        }
        CmsSourceService.WithSecret created = service.create(id, type, change, currentUser.getUsername());
        URI location = uriInfo.getAbsolutePathBuilder().path(created.source().id()).build();
        return answer(Response.created(location), created.source(), created.webhookSecret());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream body) {
        find(id);
        long lock = IfMatch.number(headers, IF_MATCH_REQUIRED, IF_MATCH_INVALID);
        List<FieldMessage> problems = new ArrayList<>();
        CmsSourceChange change = change(object(RoutesResource.read(body, "a CMS source")), problems);
        if (!problems.isEmpty()) {
            throw new CmsSourceRejectedException.InvalidSource(problems);
        }
        return answer(Response.ok(), service.update(id, change, lock, currentUser.getUsername()), null);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        service.delete(id, currentUser.getUsername());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/test")
    public JsonObject test(@PathParam("id") String id) {
        find(id);
        ConnectionCheck check = sources.test(id);
        JsonObjectBuilder json = JSON.createObjectBuilder().add("reached", check.reached())
                .add("summary", check.summary()).add("tookMillis", check.took().toMillis());
        if (check.problem() == null) {
            json.addNull("problem");
        } else {
            json.add("problem", check.problem());
        }
        return json.build();
    }

    @POST
    @Path("{id}/webhook-secret")
    public Response renewWebhookSecret(@PathParam("id") String id) {
        CmsSourceService.WithSecret renewed = service.renewWebhookSecret(id, currentUser.getUsername());
        return answer(Response.ok(), renewed.source(), renewed.webhookSecret());
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    private CmsSource find(String id) {
        return service.find(id).orElseThrow(() -> new CmsSourceRejectedException.SourceNotFound(
                id == null ? "" : id.replaceAll("[^a-z0-9-]", "?")));
    }

    private Response answer(Response.ResponseBuilder response, CmsSource source, String webhookSecret) {
        JsonObjectBuilder json = json(source);
        if (webhookSecret != null) {
            json.add("webhookSecret", webhookSecret);
        }
        return response.entity(json.build().toString()).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(Long.toString(source.lockVersion()))).header("Cache-Control", "no-store").build();
    }

    private JsonObjectBuilder json(CmsSource source) {
        JsonObjectBuilder options = JSON.createObjectBuilder();
        source.options().forEach(options::add);
        return JSON.createObjectBuilder()
                .add("id", source.id())
                .add("type", source.type().name().toLowerCase(Locale.ROOT))
                .add("name", source.name())
                .add("baseUrl", source.baseUrl())
                .add("options", options)
                .add("hasCredential", source.hasCredential())
                .add("timeoutMillis", source.timeout().toMillis())
                .add("freshForSeconds", source.freshFor().toSeconds())
                .add("enabled", source.enabled())
                .add("webhookUrl", issuer.resolve(CmsWebhooks.path(source.id())))
                .add("updatedAt", source.updatedAt().toString())
                .add("updatedBy", source.updatedBy());
    }

    private static JsonObject object(JsonValue json) {
        if (!(json instanceof JsonObject object)) {
            throw new ApiProblemException(400, "The body must be a JSON object: a CMS source.");
        }
        return object;
    }

    private static CmsSourceChange change(JsonObject json, List<FieldMessage> problems) {
        Map<String, String> options = new TreeMap<>();
        JsonValue given = json.get("options");
        if (given instanceof JsonObject object) {
            object.forEach((name, value) -> {
                if (value instanceof JsonString text && name.length() <= 50 && text.getString().length() <= 200) {
                    options.put(name, text.getString());
                } else {
                    problems.add(FieldMessage.of("options", "api.cms.source.options"));
                }
            });
        } else if (given != null && given != JsonValue.NULL) {
            problems.add(FieldMessage.of("options", "api.cms.source.options"));
        }
        boolean allowInternal = json.getBoolean("allowInternalHost", false);
        if (allowInternal) {
            options.put(CmsSourceChange.ALLOW_INTERNAL_HOST, "true");
        } else {
            options.remove(CmsSourceChange.ALLOW_INTERNAL_HOST);
        }
        String credential = json.get("credential") instanceof JsonString text ? text.getString() : null;
        long timeout = json.get("timeoutMillis") instanceof JsonNumber number ? number.longValue() : 5_000;
        long fresh = json.get("freshForSeconds") instanceof JsonNumber number ? number.longValue() : 60;
        return new CmsSourceChange(json.get("name") instanceof JsonString text ? text.getString() : null,
                json.get("baseUrl") instanceof JsonString text ? text.getString() : null, options, credential,
                Duration.ofMillis(timeout), Duration.ofSeconds(fresh), json.getBoolean("enabled", true));
    }
}

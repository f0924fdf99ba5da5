package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsDiff;
import org.portico.web.cms.CmsDraft;
import org.portico.web.cms.CmsItemInfo;
import org.portico.web.cms.CmsRejectedException;
import org.portico.web.cms.CmsRules;
import org.portico.web.cms.CmsService;
import org.portico.web.cms.CmsVersionInfo;
import org.portico.web.problem.FieldMessage;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;

/**
 * The built-in CMS for content editors and site admins, {@code /api/cms}. An item is a page ({@code pages}, shown at
 * {@code /p/{slug}}) or a block ({@code blocks}) in one language ({@code en}, {@code de-CH}, {@code und} for every
 * language), addressed as {@code /api/cms/{pages|blocks}/{key}/{language}}:
 * <ul>
 *   <li>{@code GET /api/cms/items?kind=page|block&status=draft|published|changed&q=text} → {@code {"total", "items":
 *       [item without body…]}}, the most recently changed first (at most 500)</li>
 *   <li>{@code POST /api/cms/items} with {@code {"kind", "key", "locale", "title", "summary", "body", "roles"}} → 201,
 *       {@code Location}, {@code ETag}, the item (a draft, version 1)</li>
 *   <li>{@code GET …/{key}/{language}} → the item: its draft ({@code title, summary, body, roles}), {@code status}
 *       ({@code draft}: not published; {@code published}; {@code changed}: published, the draft changed since),
 *       {@code draftRevision}, {@code publishedRevision}, {@code publishedAt}, {@code publishAt},
 *       {@code unpublishAt}, {@code updatedAt}, {@code updatedBy}; its lock as the strong {@code ETag}</li>
 *   <li>{@code PUT …/{key}/{language}} with {@code If-Match} and {@code {"title", "summary", "body", "roles"}} →
 *       the draft saved as a new version (readers see it once it is published)</li>
 *   <li>{@code POST …/publish}, {@code POST …/unpublish} with {@code If-Match} → the item</li>
 *   <li>{@code PUT …/schedule} with {@code If-Match} and {@code {"publishAt": ISO instant or null, "unpublishAt": …}}
 *       → the item; a time in the past is refused</li>
 *   <li>{@code GET …/versions} → {@code {"versions": [{"revision", "title", "savedAt", "savedBy", "origin",
 *       "published"}…]}}, newest first; {@code GET …/versions/{n}} → that version with its body;
 *       {@code GET …/diff?from=1&to=2} → {@code {"from", "to", "title": {"before", "after", "changed"}, "summary": …,
 *       "body": [{"kind": "same|removed|added", "text"}…]}}</li>
 *   <li>{@code POST …/versions/{n}/restore} with {@code If-Match} → the item, its draft now as version n was, saved
 *       as a new version</li>
 *   <li>{@code DELETE …/{key}/{language}} with {@code If-Match} → 204</li>
 * </ul>
 * Changes need {@code If-Match} with the {@code ETag} the item was read with (428 without, 412 malformed, 409 when
 * someone changed it since, saying who and when). Bodies are JSON (415 otherwise) of at most
 * {@code portico.api.max-body-size} bytes (413); the HTML body is sanitised when saved. Every error is problem+json;
 * 401 for guests, 403 without the content-editor or site-admin role.
 */
@Path("cms")
@RequestScoped
@RolesAllowed({Role.Names.CONTENT_EDITOR, Role.Names.SITE_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class CmsResource {

    static final String IF_MATCH_REQUIRED = "Send If-Match with the item's ETag as you read it (If-Match: \"3\"):"
            + " an item is changed only as it was when the change was made.";
    static final String IF_MATCH_INVALID = "If-Match must be one ETag of the item as GET gave it, such as \"3\".";

    @Inject
    CmsService cms;

    @Inject
    CurrentUser currentUser;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    // ---- the list and new items ------------------------------------------------------------------------------

    @GET
    @Path("items")
    public JsonObject list(@QueryParam("kind") String kind, @QueryParam("status") String status,
                           @QueryParam("q") String text) {
        ContentKind onlyKind = kind == null || kind.isBlank() ? null : switch (kind.strip()) {
            case "page" -> ContentKind.PAGE;
            case "block" -> ContentKind.BLOCK;
            default -> throw new ApiProblemException(400, "'kind' must be page or block.");
        };
        CmsItemInfo.Status onlyStatus = status == null || status.isBlank() ? null : switch (status.strip()) {
            case "draft" -> CmsItemInfo.Status.DRAFT;
            case "published" -> CmsItemInfo.Status.PUBLISHED;
            case "changed" -> CmsItemInfo.Status.CHANGED;
            default -> throw new ApiProblemException(400, "'status' must be draft, published or changed.");
        };
        if (text != null && text.length() > 200) {
            throw new ApiProblemException(400, "'q' must be at most 200 characters.");
        }
        List<CmsItemInfo> items = cms.list(new CmsService.Query(onlyKind, onlyStatus, text));
        return Page.answer(items.size(), items, item -> summary(item));
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        JsonObject json = object(RoutesResource.read(body, "a CMS item"));
        List<FieldMessage> problems = new ArrayList<>();
        String kindName = text(json, "kind", problems);
        ContentKind kind = switch (kindName == null ? "" : kindName) {
            case "page" -> ContentKind.PAGE;
            case "block" -> ContentKind.BLOCK;
            default -> {
                problems.add(FieldMessage.of("kind", "cms.rule.kind"));
                yield null;
            }
        };
        String key = text(json, "key", problems);
        String language = text(json, "locale", problems);
        CmsDraft draft = draft(json, problems);
        if (!problems.isEmpty()) {
            throw new CmsRejectedException.InvalidItem(problems);
        }
        CmsItemInfo created = cms.create(kind, key, language, draft, currentUser.getUsername());
        URI location = uriInfo.getBaseUriBuilder().path("cms").path(collection(created.kind()))
                .path(created.key()).path(created.languageTag()).build();
        return item(Response.created(location), created);
    }

    // ---- one item --------------------------------------------------------------------------------------------

    @GET
    @Path("{kind: pages|blocks}/{key}/{language}")
    public Response get(@PathParam("kind") String kind, @PathParam("key") String key,
                        @PathParam("language") String language) {
        return item(Response.ok(), find(kind, key, language));
    }

    @PUT
    @Path("{kind: pages|blocks}/{key}/{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("kind") String kind, @PathParam("key") String key,
                         @PathParam("language") String language, InputStream body) {
        CmsItemInfo item = find(kind, key, language);
        long lock = expectedLock();
        List<FieldMessage> problems = new ArrayList<>();
        CmsDraft draft = draft(object(RoutesResource.read(body, "the item's draft")), problems);
        if (!problems.isEmpty()) {
            throw new CmsRejectedException.InvalidItem(problems);
        }
        return item(Response.ok(), cms.save(item.kind(), item.key(), item.locale(), draft, lock,
                currentUser.getUsername()));
    }

    @DELETE
    @Path("{kind: pages|blocks}/{key}/{language}")
    public Response delete(@PathParam("kind") String kind, @PathParam("key") String key,
                           @PathParam("language") String language) {
        CmsItemInfo item = find(kind, key, language);
        cms.delete(item.kind(), item.key(), item.locale(), expectedLock(), currentUser.getUsername());
        return Response.noContent().build();
    }

    @POST
    @Path("{kind: pages|blocks}/{key}/{language}/publish")
    public Response publish(@PathParam("kind") String kind, @PathParam("key") String key,
                            @PathParam("language") String language) {
        CmsItemInfo item = find(kind, key, language);
        return item(Response.ok(), cms.publish(item.kind(), item.key(), item.locale(), expectedLock(),
                currentUser.getUsername()));
    }

    @POST
    @Path("{kind: pages|blocks}/{key}/{language}/unpublish")
    public Response unpublish(@PathParam("kind") String kind, @PathParam("key") String key,
                              @PathParam("language") String language) {
        CmsItemInfo item = find(kind, key, language);
        return item(Response.ok(), cms.unpublish(item.kind(), item.key(), item.locale(), expectedLock(),
                currentUser.getUsername()));
    }

    @PUT
    @Path("{kind: pages|blocks}/{key}/{language}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response schedule(@PathParam("kind") String kind, @PathParam("key") String key,
                             @PathParam("language") String language, InputStream body) {
        CmsItemInfo item = find(kind, key, language);
        long lock = expectedLock();
        JsonObject json = object(RoutesResource.read(body, "the schedule"));
        List<FieldMessage> problems = new ArrayList<>();
        Instant publishAt = instant(json, "publishAt", problems);
        Instant unpublishAt = instant(json, "unpublishAt", problems);
        if (!problems.isEmpty()) {
            throw new CmsRejectedException.InvalidItem(problems);
        }
        return item(Response.ok(), cms.schedule(item.kind(), item.key(), item.locale(), publishAt, unpublishAt, lock,
                currentUser.getUsername()));
    }

    @GET
    @Path("{kind: pages|blocks}/{key}/{language}/versions")
    public JsonObject versions(@PathParam("kind") String kind, @PathParam("key") String key,
                               @PathParam("language") String language) {
        CmsItemInfo item = find(kind, key, language);
        JsonArrayBuilder versions = JSON.createArrayBuilder();
        cms.versions(item.kind(), item.key(), item.locale()).forEach(version -> versions.add(version(version)));
        return JSON.createObjectBuilder().add("versions", versions).build();
    }

    @GET
    @Path("{kind: pages|blocks}/{key}/{language}/versions/{revision}")
    public JsonObject version(@PathParam("kind") String kind, @PathParam("key") String key,
                              @PathParam("language") String language, @PathParam("revision") String revision) {
        CmsItemInfo item = find(kind, key, language);
        CmsVersionInfo version = cms.version(item.kind(), item.key(), item.locale(), revision(item, revision));
        return version(version).add("summary", version.summary()).add("body", version.bodyHtml()).build();
    }

    @POST
    @Path("{kind: pages|blocks}/{key}/{language}/versions/{revision}/restore")
    public Response restore(@PathParam("kind") String kind, @PathParam("key") String key,
                            @PathParam("language") String language, @PathParam("revision") String revision) {
        CmsItemInfo item = find(kind, key, language);
        long number = revision(item, revision);
        return item(Response.ok(), cms.restore(item.kind(), item.key(), item.locale(), number, expectedLock(),
                currentUser.getUsername()));
    }

    @GET
    @Path("{kind: pages|blocks}/{key}/{language}/diff")
    public JsonObject diff(@PathParam("kind") String kind, @PathParam("key") String key,
                           @PathParam("language") String language, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        CmsItemInfo item = find(kind, key, language);
        CmsDiff diff = cms.diff(item.kind(), item.key(), item.locale(), revision(item, from), revision(item, to));
        JsonArrayBuilder body = JSON.createArrayBuilder();
        diff.body().forEach(line -> body.add(JSON.createObjectBuilder()
                .add("kind", line.kind().name().toLowerCase(Locale.ROOT)).add("text", line.text())));
        return JSON.createObjectBuilder().add("from", diff.from()).add("to", diff.to())
                .add("title", change(diff.title())).add("summary", change(diff.summary()))
                .add("body", body).build();
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    /** The item the path names; a kind, key or language that cannot name one is a 404 like any unknown item. */
    private CmsItemInfo find(String kind, String key, String language) {
        ContentKind contentKind = "pages".equals(kind) ? ContentKind.PAGE : ContentKind.BLOCK;
        Locale locale = CmsRules.locale(language);
        return (locale == null ? Optional.<CmsItemInfo>empty() : cms.find(contentKind, key, locale))
                .orElseThrow(() -> new CmsRejectedException.ItemNotFound(contentKind.name().toLowerCase(Locale.ROOT)
                        + " '" + safe(key) + "' (" + safe(language) + ")"));
    }

    /** A version's number from the path or query; one that names no version is a 404 like any unknown one. */
    private static long revision(CmsItemInfo item, String revision) {
        if (revision == null || !revision.matches("\\d{1,18}")) {
            throw new CmsRejectedException.ItemNotFound(item.kind().name().toLowerCase(Locale.ROOT) + " '" + item.key()
                    + "' (" + item.languageTag() + ") version " + (revision == null ? "" : safe(revision)));
        }
        return Long.parseLong(revision);
    }

    /** Text from a request to repeat in an answer: letters, digits and a few marks, at most 100 characters. */
    private static String safe(String text) {
        String kept = text == null ? "" : text.replaceAll("[^\\w.-]", "?");
        return kept.length() > 100 ? kept.substring(0, 100) + "…" : kept;
    }

    /** The lock a change was made on, from {@code If-Match}: 428 without one, 412 for anything but one strong tag. */
    private long expectedLock() {
        return IfMatch.number(headers, IF_MATCH_REQUIRED, IF_MATCH_INVALID);
    }

    private static Response item(Response.ResponseBuilder response, CmsItemInfo item) {
        return response.entity(summary(item).add("summary", item.draft().summary())
                        .add("body", item.draft().bodyHtml()).build().toString())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(Long.toString(item.lockVersion())))
                .header("Cache-Control", "no-store")
                .build();
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    private static String collection(ContentKind kind) {
        return kind == ContentKind.PAGE ? "pages" : "blocks";
    }

    private static JsonObjectBuilder summary(CmsItemInfo item) {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        item.draft().roles().forEach(roles::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("kind", item.kind().name().toLowerCase(Locale.ROOT))
                .add("key", item.key())
                .add("locale", item.languageTag())
                .add("title", item.draft().title())
                .add("roles", roles)
                .add("status", item.status().name().toLowerCase(Locale.ROOT))
                .add("draftRevision", item.draftRevision())
                .add("updatedAt", item.updatedAt().toString())
                .add("updatedBy", item.updatedBy())
                .add("path", "/api/cms/" + collection(item.kind()) + "/" + item.key() + "/" + item.languageTag());
        addNullable(json, "publishedRevision", item.publishedRevision());
        addNullable(json, "publishedAt", item.publishedAt());
        addNullable(json, "publishAt", item.publishAt());
        addNullable(json, "unpublishAt", item.unpublishAt());
        return json;
    }

    private static void addNullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else if (value instanceof Long number) {
            json.add(name, number);
        } else {
            json.add(name, value.toString());
        }
    }

    private static JsonObjectBuilder version(CmsVersionInfo version) {
        return JSON.createObjectBuilder()
                .add("revision", version.revision())
                .add("title", version.title())
                .add("savedAt", version.savedAt().toString())
                .add("savedBy", version.savedBy())
                .add("origin", version.origin().name().toLowerCase(Locale.ROOT))
                .add("published", version.published());
    }

    private static JsonObject change(CmsDiff.Change change) {
        return JSON.createObjectBuilder().add("before", change.before()).add("after", change.after())
                .add("changed", change.changed()).build();
    }

    private static JsonObject object(JsonValue json) {
        if (!(json instanceof JsonObject object)) {
            throw new ApiProblemException(400, "The body must be a JSON object.");
        }
        return object;
    }

    /** The draft a body describes: {@code title}, {@code summary}, {@code body} strings, {@code roles} an array. */
    private static CmsDraft draft(JsonObject json, List<FieldMessage> problems) {
        String title = optionalText(json, "title", problems);
        String summary = optionalText(json, "summary", problems);
        String body = optionalText(json, "body", problems);
        Set<String> roles = new TreeSet<>();
        JsonValue list = json.get("roles");
        if (list != null && list != JsonValue.NULL) {
            if (list instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
                array.getValuesAs(JsonString.class).forEach(role -> roles.add(role.getString()));
            } else {
                problems.add(FieldMessage.of("roles", "api.cms.roles"));
            }
        }
        return new CmsDraft(title, summary, body, roles);
    }

    private static String text(JsonObject json, String name, List<FieldMessage> problems) {
        JsonValue value = json.get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        problems.add(FieldMessage.of(name, "api.cms.text"));
        return null;
    }

    private static String optionalText(JsonObject json, String name, List<FieldMessage> problems) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        problems.add(FieldMessage.of(name, "api.cms.text"));
        return "";
    }

    private static Instant instant(JsonObject json, String name, List<FieldMessage> problems) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            try {
                return Instant.parse(string.getString());
            } catch (DateTimeParseException e) {
                // said below
            }
        }
        problems.add(FieldMessage.of(name, "api.cms.instant"));
        return null;
    }
}

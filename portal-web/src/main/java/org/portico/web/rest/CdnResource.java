package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

import org.portico.cdn.purge.CdnPurgers;
import org.portico.cdn.purge.PurgeTarget;
import org.portico.cdn.purge.PurgeTargetDescriptor;
import org.portico.web.cdn.CdnRejectedException;
import org.portico.web.cdn.CdnTarget;
import org.portico.web.cdn.CdnTargetChange;
import org.portico.web.cdn.CdnTargetService;
import org.portico.web.cdn.CdnTargetTester;
import org.portico.web.cdn.ConnectionTest;
import org.portico.web.cdn.PurgeQueue;
import org.portico.web.cdn.PurgeState;
import org.portico.web.cdn.QueuedPurge;
import org.portico.web.json.JsonFields;
import org.portico.web.problem.FieldMessage;
import org.portico.web.security.CurrentUser;
import org.portico.web.user.Role;

/**
 * CDN purge targets and the purge queue for site admins, {@code /api/cdn}:
 * <ul>
 *   <li>{@code GET kinds} → what each kind of target needs: {@code [{"kind", "name", "defaultEndpoint",
 *       "endpointHint", "options": [{"name", "required", "defaultValue", "description"}], "credential": {"required",
 *       "description"}}]}</li>
 *   <li>{@code GET targets} → {@code {"total", "items": [target…]}}; {@code GET targets/{id}} → the target, its lock
 *       as {@code ETag}</li>
 *   <li>{@code POST targets} with {@code {"kind": "varnish|fastly|cloudflare|cloudfront", "name", "endpoint",
 *       "options": {name: text}, "credential", "enabled"}} → 201, the target</li>
 *   <li>{@code PUT targets/{id}} with {@code If-Match} → the target ({@code credential} left out keeps the stored one,
 *       an empty one removes it); {@code DELETE targets/{id}} → 204 (its queue goes with it)</li>
 *   <li>{@code POST targets/{id}/test} → {@code {"reached", "summary", "tookMillis", "problem"}}, within 10 s</li>
 *   <li>{@code GET purges?state=pending|in_flight|failed|done&first=&max=} → {@code {"total", "items": [purge…]}},
 *       newest first; {@code GET purges/{id}} → the purge</li>
 *   <li>{@code POST purges} with {@code {"tags": [...], "urls": [...], "targetId"}} (no target: every enabled one;
 *       a URL may be a path on Portico's public URL) → 202, {@code {"items": [purge…]}}: one row per target</li>
 *   <li>{@code POST purges/{id}/retry} → the purge, to be tried at once (409 when done or in flight)</li>
 * </ul>
 * A target never answers its credential; {@code hasCredential} says whether there is one. A purge answers its
 * {@code state}, {@code attempts}, {@code nextAttemptAt}, {@code lastError} and progress ({@code batchesDone} of
 * {@code batchesTotal}).
 */
@Path("cdn")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class CdnResource {

    static final String IF_MATCH_REQUIRED = "Send If-Match with the target's ETag as you read it (If-Match: \"3\").";
    static final String IF_MATCH_INVALID = "If-Match must be one ETag of the target as GET gave it, such as \"3\".";

    @Inject
    CdnTargetService targets;

    @Inject
    CdnTargetTester tester;

    @Inject
    PurgeQueue queue;

    @Inject
    CurrentUser currentUser;

    @Context
    UriInfo uriInfo;

    @Context
    HttpHeaders headers;

    // ---- kinds and targets ---------------------------------------------------------------------------------

    @GET
    @Path("kinds")
    public Response kinds() {
        JsonArrayBuilder kinds = JSON.createArrayBuilder();
        for (PurgeTargetDescriptor descriptor : CdnPurgers.descriptors()) {
            JsonArrayBuilder options = JSON.createArrayBuilder();
            descriptor.options().forEach(option -> {
                JsonObjectBuilder json = JSON.createObjectBuilder().add("name", option.name())
                        .add("required", option.required()).add("description", option.description());
                option.defaultValue().ifPresentOrElse(value -> json.add("defaultValue", value),
                        () -> json.addNull("defaultValue"));
                options.add(json);
            });
            JsonObjectBuilder kind = JSON.createObjectBuilder()
                    .add("kind", descriptor.kind().name().toLowerCase(Locale.ROOT))
                    .add("name", descriptor.name())
                    .add("endpointHint", descriptor.endpointHint())
                    .add("options", options)
                    .add("credential", JSON.createObjectBuilder().add("required", descriptor.credential().required())
                            .add("description", descriptor.credential().description()));
            descriptor.defaultEndpoint().ifPresentOrElse(uri -> kind.add("defaultEndpoint", uri.toString()),
                    () -> kind.addNull("defaultEndpoint"));
            kinds.add(kind);
        }
        return Response.ok(kinds.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("targets")
    public JsonObject listTargets() {
        List<CdnTarget> all = targets.all();
        return Page.answer(all.size(), all, CdnResource::json);
    }

    @GET
    @Path("targets/{id}")
    public Response getTarget(@PathParam("id") long id) {
        return answer(Response.ok(), target(id));
    }

    @POST
    @Path("targets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTarget(InputStream body) {
        List<FieldMessage> problems = new ArrayList<>();
        JsonObject json = object(RoutesResource.read(body, "a purge target"), "a purge target");
        PurgeTarget.Kind kind = kind(json.get("kind"));
        if (kind == null) {
            problems.add(FieldMessage.of("kind", "cdn.rule.kind"));
        }
        CdnTargetChange change = change(json, problems);
        if (!problems.isEmpty()) {
            throw new CdnRejectedException.InvalidTarget(problems);
        }
        CdnTarget created = targets.create(kind, change, currentUser.getUsername());
        URI location = uriInfo.getAbsolutePathBuilder().path(Long.toString(created.id())).build();
        return answer(Response.created(location), created);
    }

    @PUT
    @Path("targets/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateTarget(@PathParam("id") long id, InputStream body) {
        target(id);
        long lock = IfMatch.number(headers, IF_MATCH_REQUIRED, IF_MATCH_INVALID);
        List<FieldMessage> problems = new ArrayList<>();
        CdnTargetChange change = change(object(RoutesResource.read(body, "a purge target"), "a purge target"), problems);
        if (!problems.isEmpty()) {
            throw new CdnRejectedException.InvalidTarget(problems);
        }
        return answer(Response.ok(), targets.update(id, change, lock, currentUser.getUsername()));
    }

    @DELETE
    @Path("targets/{id}")
    public Response deleteTarget(@PathParam("id") long id) {
        targets.delete(id, currentUser.getUsername());
        return Response.noContent().build();
    }

    @POST
    @Path("targets/{id}/test")
    public JsonObject test(@PathParam("id") long id) {
        ConnectionTest test = tester.test(id);
        JsonObjectBuilder json = JSON.createObjectBuilder().add("reached", test.reached())
                .add("summary", test.summary()).add("tookMillis", test.took().toMillis());
        if (test.problem() == null) {
            json.addNull("problem");
        } else {
            json.add("problem", test.problem());
        }
        return json.build();
    }

    // ---- the queue -----------------------------------------------------------------------------------------

    @GET
    @Path("purges")
    public JsonObject listPurges(@QueryParam("state") String state, @QueryParam("first") @DefaultValue("0") int first,
                                 @QueryParam("max") @DefaultValue("50") int max) {
        PurgeState filter = null;
        if (state != null && !state.isBlank()) {
            filter = switch (state.toLowerCase(Locale.ROOT)) {
                case "pending" -> PurgeState.PENDING;
                case "in_flight", "in-flight" -> PurgeState.IN_FLIGHT;
                case "failed" -> PurgeState.FAILED;
                case "done" -> PurgeState.DONE;
                default -> throw new ApiProblemException(400,
                        "state must be pending, in_flight, failed or done; leave it out for every purge.");
            };
        }
        Page page = Page.of(first, max);
        return Page.answer(queue.count(filter), queue.list(filter, page.first(), page.size()), CdnResource::json);
    }

    @GET
    @Path("purges/{id}")
    public JsonObject getPurge(@PathParam("id") long id) {
        return json(queue.find(id).orElseThrow(() -> new CdnRejectedException.PurgeNotFound(Long.toString(id))))
                .build();
    }

    @POST
    @Path("purges")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response purge(InputStream body) {
        List<FieldMessage> problems = new ArrayList<>();
        JsonObject json = object(RoutesResource.read(body, "a purge"), "a purge");
        JsonFields fields = new JsonFields(json, (field, message) -> problems.add(FieldMessage.of(field,
                "cdn.purge.rule." + ("targetId".equals(field) ? "targetId" : field.equals("urls") ? "url" : "tag"))));
        List<String> tags = fields.strings("tags");
        List<String> urls = fields.strings("urls");
        Long targetId = fields.whole("targetId");
        if (tags.size() + urls.size() > PurgeQueue.MAX_MANUAL_ITEMS) {
            problems.add(FieldMessage.of("tags", "cdn.purge.rule.tooMany", PurgeQueue.MAX_MANUAL_ITEMS));
        }
        if (!problems.isEmpty()) {
            throw new CdnRejectedException.InvalidPurge(problems);
        }
        List<QueuedPurge> queued = queue.request(targetId, tags, urls, currentUser.getUsername());
        JsonArrayBuilder items = JSON.createArrayBuilder();
        queued.forEach(row -> items.add(json(row)));
        return Response.accepted(JSON.createObjectBuilder().add("items", items).build().toString())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("purges/{id}/retry")
    public JsonObject retry(@PathParam("id") long id) {
        return json(queue.retryNow(id, currentUser.getUsername())).build();
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    private CdnTarget target(long id) {
        return targets.find(id).orElseThrow(() -> new CdnRejectedException.TargetNotFound(Long.toString(id)));
    }

    private static Response answer(Response.ResponseBuilder response, CdnTarget target) {
        return response.entity(json(target).build().toString()).type(MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(Long.toString(target.lockVersion()))).header("Cache-Control", "no-store").build();
    }

    static JsonObjectBuilder json(CdnTarget target) {
        JsonObjectBuilder options = JSON.createObjectBuilder();
        target.options().forEach(options::add);
        return JSON.createObjectBuilder()
                .add("id", target.id())
                .add("kind", target.kind().name().toLowerCase(Locale.ROOT))
                .add("name", target.name())
                .add("endpoint", target.endpoint())
                .add("options", options)
                .add("hasCredential", target.hasCredential())
                .add("enabled", target.enabled())
                .add("updatedAt", target.updatedAt().toString())
                .add("updatedBy", target.updatedBy());
    }

    static JsonObjectBuilder json(QueuedPurge purge) {
        JsonArrayBuilder tags = JSON.createArrayBuilder();
        purge.tags().forEach(tags::add);
        JsonArrayBuilder urls = JSON.createArrayBuilder();
        purge.urls().forEach(urls::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", purge.id())
                .add("targetId", purge.targetId())
                .add("targetName", purge.targetName())
                .add("state", purge.state().name().toLowerCase(Locale.ROOT))
                .add("tags", tags)
                .add("urls", urls)
                .add("attempts", purge.attempts())
                .add("batchesTotal", purge.batchesTotal())
                .add("batchesDone", purge.batchesDone())
                .add("createdAt", purge.createdAt().toString());
        optional(json, "requestedBy", purge.requestedBy());
        optional(json, "nextAttemptAt", purge.state() == PurgeState.DONE ? null : text(purge.nextAttemptAt()));
        optional(json, "lastError", purge.lastError());
        optional(json, "doneAt", text(purge.doneAt()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static PurgeTarget.Kind kind(JsonValue value) {
        if (!(value instanceof JsonString text)) {
            return null;
        }
        return switch (text.getString()) {
            case "varnish" -> PurgeTarget.Kind.VARNISH;
            case "fastly" -> PurgeTarget.Kind.FASTLY;
            case "cloudflare" -> PurgeTarget.Kind.CLOUDFLARE;
            case "cloudfront" -> PurgeTarget.Kind.CLOUDFRONT;
            default -> null;
        };
    }

    private static JsonObject object(JsonValue json, String what) {
        if (!(json instanceof JsonObject object)) {
            throw new ApiProblemException(400, "The body must be a JSON object: " + what + ".");
        }
        return object;
    }

    private static CdnTargetChange change(JsonObject json, List<FieldMessage> problems) {
        Map<String, String> options = new TreeMap<>();
        JsonValue given = json.get("options");
        if (given instanceof JsonObject object) {
            object.forEach((name, value) -> {
                if (value instanceof JsonString text && name.length() <= 50 && text.getString().length() <= 200
                        && options.size() < 20) {
                    options.put(name, text.getString());
                } else {
                    problems.add(FieldMessage.of("options", "api.cdn.options"));
                }
            });
        } else if (given != null && given != JsonValue.NULL) {
            problems.add(FieldMessage.of("options", "api.cdn.options"));
        }
        JsonFields fields = new JsonFields(json, (field, message) -> problems.add(new FieldMessage(field, message)));
        String credential = fields.string("credential", null);
        return new CdnTargetChange(fields.string("name", null), fields.string("endpoint", null), options,
                credential, fields.bool("enabled", true));
    }
}

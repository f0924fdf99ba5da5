package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import org.portico.web.json.JsonFields;

import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.portico.web.app.AppDraft;
import org.portico.web.app.AppRejectedException;
import org.portico.web.app.AppRules;
import org.portico.web.app.AppSaved;
import org.portico.web.app.AppService;
import org.portico.web.app.SandboxFlag;
import org.portico.web.app.UserClaim;
import org.portico.web.app.RegisteredApp;
import org.portico.web.problem.FieldMessage;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.user.Role;

/**
 * The app registry for site admins, {@code /api/admin/apps}:
 * <ul>
 *   <li>{@code GET /api/admin/apps?q=&first=0&max=50} → {@code {"total": n, "items": [app…]}}</li>
 *   <li>{@code GET /api/admin/apps/{id}} → app</li>
 *   <li>{@code POST /api/admin/apps} → 201, {@code Location}, app with the one-time {@code clientSecret}</li>
 *   <li>{@code PUT /api/admin/apps/{id}} (body with the {@code version} last read) → app</li>
 *   <li>{@code DELETE /api/admin/apps/{id}} → 204</li>
 *   <li>{@code POST /api/admin/apps/{id}/secret} → {@code {"id": …, "clientSecret": …}}, the old secret stops working</li>
 * </ul>
 * Errors are problem+json (see {@link ProblemMappers.Rejected}); 401 for guests, 403 without the site-admin role.
 */
@Path("admin/apps")
@RequestScoped
@RolesAllowed(Role.Names.SITE_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AppsResource {


    @Inject
    AppService apps;

    @Inject
    PorticoIssuer portico;

    @Context
    UriInfo uriInfo;

    @GET
    public JsonObject list(@QueryParam("q") String query, @QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        Page page = Page.of(first, max);
        return Page.answer(apps.count(query), apps.search(query, page.first(), page.size(), "id", true),
                AppsResource::json);
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return json(apps.getById(id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        AppSaved saved = apps.create(draft(parse(body), true, new ArrayList<>()));
        URI location = uriInfo.getAbsolutePathBuilder().path(saved.app().getId()).build();
        return Response.created(location).entity(withSecret(saved).build().toString()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject update(@PathParam("id") String id, String body) {
        JsonObject json = parse(body);
        List<FieldMessage> errors = new ArrayList<>();
        Long version = fields(json, errors).whole("version");
        if (version == null && errors.isEmpty()) {
            errors.add(FieldMessage.of("version", "problem.app.version.missing"));
        }
        AppDraft draft = draft(json, false, errors);
        return withSecret(apps.update(id, version == null ? -1 : version, draft)).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        apps.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/secret")
    public JsonObject regenerateSecret(@PathParam("id") String id) {
        AppSaved saved = apps.regenerateSecret(id);
        return JSON.createObjectBuilder()
                .add("id", saved.app().getId())
                .add("clientSecret", saved.oneTimeSecret().orElseThrow())
                .build();
    }

    // ---- JSON ----------------------------------------------------------------------------------------------

    private static JsonObject parse(String body) {
        try (var reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ApiProblemException(400, "The body must be a JSON object describing the app.");
        }
    }

    /**
     * Reads the draft; type errors (a number where a string belongs …) are collected with the given ones and
     * reported together with the registry's own checks.
     */
    private AppDraft draft(JsonObject json, boolean creating, List<FieldMessage> errors) {
        JsonFields fields = fields(json, errors);
        AppDraft draft = new AppDraft(
                fields.string("id", null),
                fields.string("name", null),
                fields.string("description", null),
                fields.string("audience", null),
                fields.strings("baseUrls"),
                fields.strings("claims"),
                fields.integer("tokenLifetimeSeconds", "is out of range"),
                fields.string("clientAuthentication", null),
                fields.string("jwksUrl", null),
                fields.strings("exchangeAudiences"),
                fields.bool("trustedForSignOn", false),
                fields.bool("enabled", true),
                fields.bool("allowInternalJwksHost", false),
                fields.value("signOnRoles") == null ? null : fields.strings("signOnRoles"),
                fields.bool("mayBeFramed", false),
                fields.strings("sandbox"),
                fields.bool("proxied", false),
                fields.string("upstreamUrl", null));
        if (!errors.isEmpty()) {
            // One answer lists everything: the type errors, and what the rules find wrong with the other fields.
            List<FieldMessage> all = new ArrayList<>(errors);
            AppRules.check(draft, creating, portico.origin()).errors().stream()
                    .filter(rule -> errors.stream().noneMatch(type -> type.field().equals(rule.field())))
                    .forEach(all::add);
            throw new AppRejectedException.InvalidApp(all);
        }
        return draft;
    }

    /** The body's fields; a value of the wrong type is a {@link FieldMessage} such as "'name' must be a string.". */
    private static JsonFields fields(JsonObject json, List<FieldMessage> errors) {
        return new JsonFields(json,
                (field, message) -> errors.add(new FieldMessage(field, "'" + field + "' " + message + ".")));
    }

    private static JsonObjectBuilder withSecret(AppSaved saved) {
        JsonObjectBuilder json = json(saved.app());
        saved.oneTimeSecret().ifPresent(secret -> json.add("clientSecret", secret));
        return json;
    }

    static JsonObjectBuilder json(RegisteredApp app) {
        JsonArrayBuilder baseUrls = JSON.createArrayBuilder();
        app.getBaseUrls().forEach(baseUrls::add);
        JsonArrayBuilder claims = JSON.createArrayBuilder();
        app.getClaims().stream().sorted().map(UserClaim::claimName).forEach(claims::add);
        JsonArrayBuilder exchange = JSON.createArrayBuilder();
        app.getExchangeAudiences().forEach(exchange::add);
        JsonArrayBuilder signOnRoles = JSON.createArrayBuilder();
        app.getSignOnRoles().stream().sorted().map(Role::roleName).forEach(signOnRoles::add);
        JsonArrayBuilder sandbox = JSON.createArrayBuilder();
        app.getSandboxFlags().stream().sorted().map(SandboxFlag::token).forEach(sandbox::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", app.getId())
                .add("name", app.getName());
        if (app.getDescription() != null) {
            json.add("description", app.getDescription());
        }
        json.add("audience", app.getAudience())
                .add("baseUrls", baseUrls)
                .add("claims", claims)
                .add("tokenLifetimeSeconds", app.getTokenLifetimeSeconds())
                .add("clientAuthentication", app.getClientAuthentication().methodName());
        if (app.getJwksUrl() != null) {
            json.add("jwksUrl", app.getJwksUrl()).add("allowInternalJwksHost", app.isAllowInternalJwksHost());
        }
        json.add("exchangeAudiences", exchange)
                .add("trustedForSignOn", app.isTrustedForSignOn())
                .add("signOnRoles", signOnRoles)
                .add("mayBeFramed", app.isMayBeFramed())
                .add("sandbox", sandbox)
                .add("proxied", app.isProxied());
        if (app.getUpstreamUrl() != null) {
            json.add("upstreamUrl", app.getUpstreamUrl());
        }
        return json.add("enabled", app.isEnabled())
                .add("createdAt", app.getCreatedAt().toString())
                .add("updatedAt", app.getUpdatedAt().toString())
                .add("version", app.getVersion());
    }
}

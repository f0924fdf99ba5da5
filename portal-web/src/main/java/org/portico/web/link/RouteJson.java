package org.portico.web.link;

import static org.portico.web.json.Jsons.JSON;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.deeplink.app.UserClaim;
import org.portico.deeplink.link.LinkRoute;
import org.portico.deeplink.link.LinkWindow;
import org.portico.deeplink.link.ParameterType;
import org.portico.deeplink.link.RouteParameter;
import org.portico.deeplink.link.RouteProblem;
import org.portico.deeplink.link.RouteText;
import org.portico.deeplink.link.RouteTarget;
import org.portico.deeplink.link.TokenPlacement;
import org.portico.web.app.AppRules;
import org.portico.web.json.JsonFields;

/**
 * The JSON form of link routes, for the REST API and for export/import files. One route:
 * <pre>{@code
 * {"name": "invoice", "description": "…",
 *  "parameters": [{"name": "id", "type": "int", "required": true, "values": [], "pattern": null, "maxLength": 200}],
 *  "target": {"appId": "billing", "template": "https://billing.example/invoices/{id}"},   // or {"path": "/pages/{slug}"}
 *  "guestsAllowed": false, "roles": ["end-user"], "enabled": true,
 *  "validFrom": "2030-01-01T00:00:00Z", "validUntil": null, "window": "same_tab", "oneTime": false,
 *  "tokenLifetimeSeconds": 120, "claims": ["name"], "tokenPlacement": "fragment"}
 * }</pre>
 * Read-only fields ({@code createdAt}, {@code updatedAt}, {@code version}, {@code sampleUrl}) are written and ignored
 * on input, so what was read can be sent back. Missing fields take the defaults of {@link LinkRoute#builder}; fields
 * of the wrong type and unknown fields are problems, tied to the same field names as the route's own problems
 * ({@code parameters[0].pattern}), so that a typo never silently loses a setting. An export file wraps the routes:
 * {@code {"format": "portico-link-routes", "formatVersion": 1, "exportedAt": "…", "routes": [route…]}}.
 *
 * <p>Pure: no container, no database. Stateless and thread-safe.
 */
public final class RouteJson {

    /** The {@code format} of an export file. */
    public static final String FORMAT = "portico-link-routes";
    /** The {@code formatVersion} this Portico writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> ROUTE_FIELDS = Set.of("name", "description", "parameters", "target",
            "guestsAllowed", "roles", "enabled", "validFrom", "validUntil", "window", "oneTime",
            "tokenLifetimeSeconds", "claims", "tokenPlacement");
    private static final Set<String> READ_ONLY = Set.of("createdAt", "updatedAt", "version", "sampleUrl");
    private static final Set<String> PARAMETER_FIELDS = Set.of("name", "type", "required", "values", "pattern", "maxLength");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("format", "formatVersion", "exportedAt", "routes");

    private RouteJson() {
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** A stored route: its definition plus the read-only {@code sampleUrl}, {@code createdAt}, {@code updatedAt}, {@code version}. */
    public static JsonObjectBuilder write(StoredRoute route) {
        return definition(route)
                .add("sampleUrl", RouteSamples.sampleUrl(route))
                .add("createdAt", route.getCreatedAt().toString())
                .add("updatedAt", route.getUpdatedAt().toString())
                .add("version", route.getVersion());
    }

    /** What an export file holds of a route: the definition only, exactly what an import needs. */
    public static JsonObjectBuilder definition(StoredRoute route) {
        JsonArrayBuilder parameters = JSON.createArrayBuilder();
        for (StoredRouteParameter p : route.getParameters()) {
            JsonObjectBuilder parameter = JSON.createObjectBuilder()
                    .add("name", p.getName())
                    .add("type", p.getType().code())
                    .add("required", p.isRequired());
            if (!p.getValues().isEmpty()) {
                parameter.add("values", JSON.createArrayBuilder(p.getValues()));
            }
            if (p.getPattern() != null) {
                parameter.add("pattern", p.getPattern());
            }
            parameters.add(parameter.add("maxLength", p.getMaxLength()));
        }
        JsonObjectBuilder target = route.getTargetKind() == StoredRoute.TargetKind.APP_URL
                ? JSON.createObjectBuilder().add("appId", route.getAppId()).add("template", route.getTargetTemplate())
                : JSON.createObjectBuilder().add("path", route.getTargetTemplate());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("name", route.getName())
                .add("description", route.getDescription())
                .add("parameters", parameters)
                .add("target", target)
                .add("guestsAllowed", route.isGuestsAllowed())
                .add("roles", JSON.createArrayBuilder(route.getRoles()))
                .add("enabled", route.isEnabled());
        instant(json, "validFrom", route.getValidFrom());
        instant(json, "validUntil", route.getValidUntil());
        return json.add("window", route.getWindow().name().toLowerCase(Locale.ROOT))
                .add("oneTime", route.isOneTime())
                .add("tokenLifetimeSeconds", route.getTokenLifetimeSeconds())
                .add("claims", JSON.createArrayBuilder(route.getClaims().stream().sorted()
                        .map(org.portico.web.app.UserClaim::claimName).toList()))
                .add("tokenPlacement", route.getTokenPlacement().name().toLowerCase(Locale.ROOT));
    }

    /** An export file of these routes. */
    public static JsonObject document(List<StoredRoute> routes, Instant exportedAt) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        routes.forEach(route -> items.add(definition(route)));
        return JSON.createObjectBuilder()
                .add("format", FORMAT)
                .add("formatVersion", FORMAT_VERSION)
                .add("exportedAt", exportedAt.toString())
                .add("routes", items)
                .build();
    }

    private static void instant(JsonObjectBuilder json, String field, Instant value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value.toString());
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** The routes of an export file, and every problem of its form (prefixed {@code routes[i].}). */
    public record Document(List<RouteDraft> routes, List<RouteProblem> problems) {
        public Document {
            routes = List.copyOf(routes);
            problems = List.copyOf(problems);
        }
    }

    /** Reads an export file; problems of the document itself have the fields {@code format}, {@code formatVersion}, {@code routes}. */
    public static Document readDocument(JsonValue json) {
        List<RouteProblem> problems = new ArrayList<>();
        List<RouteDraft> routes = new ArrayList<>();
        if (!(json instanceof JsonObject document)) {
            problems.add(RouteProblems.of("routes", "problem.route.file-not-object", "{\"format\": \"" + FORMAT
                    + "\", \"formatVersion\": " + FORMAT_VERSION + ", \"routes\": [...]}"));
            return new Document(routes, problems);
        }
        if (!(document.get("format") instanceof JsonString format) || !format.getString().equals(FORMAT)) {
            problems.add(RouteProblems.of("format", "problem.route.format", FORMAT));
        }
        if (!(document.get("formatVersion") instanceof JsonNumber version) || !version.isIntegral()
                || version.longValue() != FORMAT_VERSION) {
            problems.add(RouteProblems.of("formatVersion", "problem.route.format-version", FORMAT_VERSION));
        }
        unknown(document, DOCUMENT_FIELDS, Set.of(), "", problems);
        JsonValue items = document.get("routes");
        if (!(items instanceof JsonArray array)) {
            problems.add(RouteProblems.of("routes", "problem.route.routes-not-array"));
            return new Document(routes, problems);
        }
        for (int i = 0; i < array.size(); i++) {
            String prefix = "routes[" + i + "].";
            List<RouteProblem> own = new ArrayList<>();
            routes.add(read(array.get(i), own));
            own.forEach(p -> problems.add(p.about(prefix + p.field())));
        }
        return new Document(routes, problems);
    }

    /**
     * Reads one route. Values of the wrong type are added to {@code problems} and read as missing; the draft may still
     * have problems of its own (see {@link RouteDraft#problems()}).
     */
    public static RouteDraft read(JsonValue json, List<RouteProblem> problems) {
        if (!(json instanceof JsonObject route)) {
            problems.add(RouteProblems.of("name", "problem.route.route-not-object"));
            return new RouteDraft(null, null, List.of(), null, false, Set.of(), true, null, null, LinkWindow.SAME_TAB,
                    false, LinkRoute.DEFAULT_TOKEN_LIFETIME, Set.of(), TokenPlacement.FRAGMENT);
        }
        Reader r = new Reader(route, "", problems);
        unknown(route, ROUTE_FIELDS, READ_ONLY, "", problems);
        Integer lifetime = r.integer("tokenLifetimeSeconds", (int) LinkRoute.DEFAULT_TOKEN_LIFETIME.toSeconds());
        return new RouteDraft(
                r.string("name", null),
                r.string("description", ""),
                parameters(route.get("parameters"), problems),
                target(route.get("target"), problems),
                r.bool("guestsAllowed", false),
                new LinkedHashSet<>(r.strings("roles")),
                r.bool("enabled", true),
                r.instant("validFrom"),
                r.instant("validUntil"),
                r.constant("window", LinkWindow.class, LinkWindow.SAME_TAB, new RouteProblem("window", RouteText.WINDOW)),
                r.bool("oneTime", false),
                lifetime == null ? null : Duration.ofSeconds(lifetime),
                claims(r),
                r.constant("tokenPlacement", TokenPlacement.class, TokenPlacement.FRAGMENT,
                        new RouteProblem("tokenPlacement", RouteText.TOKEN_PLACEMENT)));
    }

    private static Set<UserClaim> claims(Reader r) {
        Set<UserClaim> claims = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : r.strings("claims")) {
            org.portico.web.app.UserClaim.findByName(name).map(org.portico.web.app.UserClaim::toDeeplink)
                    .ifPresentOrElse(claims::add, () -> unknown.add(AppRules.printable(name)));
        }
        if (!unknown.isEmpty()) {
            r.problems.add(RouteProblems.of("claims", "problem.route.unknown-claims", "'" + String.join("', '", unknown) + "'"));
        }
        return claims;
    }

    private static List<RouteParameter> parameters(JsonValue json, List<RouteProblem> problems) {
        if (json == null || json == JsonValue.NULL) {
            return List.of();
        }
        if (!(json instanceof JsonArray array)) {
            problems.add(RouteProblems.of("parameters", "problem.route.parameters-not-array"));
            return List.of();
        }
        List<RouteParameter> parameters = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String prefix = "parameters[" + i + "].";
            if (!(array.get(i) instanceof JsonObject parameter)) {
                problems.add(RouteProblems.of(prefix + "name", "problem.route.parameter-not-object",
                        "{\"name\": \"id\", \"type\": \"int\"}"));
                continue;
            }
            Reader r = new Reader(parameter, prefix, problems);
            unknown(parameter, PARAMETER_FIELDS, Set.of(), prefix, problems);
            Integer maxLength = r.integer("maxLength", RouteParameter.DEFAULT_MAX_LENGTH);
            parameters.add(new RouteParameter(r.string("name", null),
                    r.constant("type", ParameterType.class, null,
                            RouteProblems.of("type", "problem.route.parameter-type")),
                    r.bool("required", true), r.strings("values"), r.string("pattern", null),
                    maxLength == null ? RouteParameter.DEFAULT_MAX_LENGTH : maxLength));
        }
        return parameters;
    }

    private static RouteTarget target(JsonValue json, List<RouteProblem> problems) {
        if (json == null || json == JsonValue.NULL) {
            return null; // the route reports "target is required"
        }
        if (!(json instanceof JsonObject target)) {
            problems.add(RouteProblems.of("target", "problem.route.target-not-object", "{\"path\": \"/pages/{slug}\"}",
                    "{\"appId\": \"billing\", \"template\": \"https://billing.example/invoices/{id}\"}"));
            return null;
        }
        Reader r = new Reader(target, "target.", problems);
        unknown(target, Set.of("path", "appId", "template"), Set.of(), "target.", problems);
        boolean page = target.containsKey("path");
        boolean app = target.containsKey("appId") || target.containsKey("template");
        if (page && app) {
            problems.add(RouteProblems.of("target", "problem.route.target-both"));
            return null;
        }
        if (page) {
            String path = r.string("path", "");
            return new RouteTarget.PortalPage(path == null ? "" : path);
        }
        String appId = r.string("appId", "");
        String template = r.string("template", "");
        return new RouteTarget.AppUrl(appId == null ? "" : appId, template == null ? "" : template);
    }

    private static void unknown(JsonObject json, Set<String> known, Set<String> ignored, String prefix,
                                List<RouteProblem> problems) {
        json.keySet().stream().filter(key -> !known.contains(key) && !ignored.contains(key)).sorted()
                .forEach(key -> problems.add(RouteProblems.of(prefix + AppRules.printable(key), "problem.route.unknown-field",
                        String.join(", ", known.stream().sorted().toList()))));
    }

    /**
     * The texts {@link JsonFields} reports a value of the wrong type with, as this area's keys (it writes them in
     * English for every caller); a text it may say one day and this map does not know yet still reads as a problem.
     */
    private static final Map<String, String> JSON_FIELD_KEYS = Map.of(
            "must be a string", "problem.route.string",
            "must be an array of strings", "problem.route.strings",
            "must be true or false", "problem.route.boolean",
            "must be a whole number", "problem.route.whole-number");

    /** Reads typed fields of one object; a value of the wrong type is a problem and reads as missing ({@code null}). */
    private static final class Reader {

        final List<RouteProblem> problems;
        private final String prefix;
        private final JsonFields fields;

        Reader(JsonObject json, String prefix, List<RouteProblem> problems) {
            this.problems = problems;
            this.prefix = prefix;
            this.fields = new JsonFields(json, (field, message) -> problems.add(RouteProblems.of(prefix + field,
                    JSON_FIELD_KEYS.getOrDefault(message, "problem.route.wrong-type"))));
        }

        String string(String field, String fallback) {
            return fields.string(field, fallback);
        }

        List<String> strings(String field) {
            return fields.strings(field);
        }

        boolean bool(String field, boolean fallback) {
            return fields.bool(field, fallback);
        }

        Integer integer(String field, int fallback) {
            if (fields.value(field) == null) {
                return fallback;
            }
            return fields.integer(field, "must be a whole number");
        }

        Instant instant(String field) {
            String text = string(field, null);
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(RouteProblems.of(prefix + field, "problem.route.date-time"));
                return null;
            }
        }

        /** @param wrong the problem of a value that is none of the constants, about the field without the prefix */
        <E extends Enum<E>> E constant(String field, Class<E> type, E fallback, RouteProblem wrong) {
            JsonValue value = fields.value(field);
            if (value == null) {
                return fallback;
            }
            if (value instanceof JsonString text) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().toLowerCase(Locale.ROOT).equals(text.getString())) {
                        return constant;
                    }
                }
            }
            problems.add(wrong.about(prefix + field));
            return null;
        }
    }
}

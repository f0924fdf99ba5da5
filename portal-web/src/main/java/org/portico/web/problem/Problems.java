package org.portico.web.problem;

import static org.portico.web.json.Jsons.JSON;

import java.net.URI;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 {@code application/problem+json} responses: type, title, status, detail, instance. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** Problem types are documented under this base; {@code about:blank} where the status says it all. */
    public static final String TYPE_BASE = "https://portico.org/problems/";

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail, Map<String, Object> extensions) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, type, title, detail, extensions).toString())
                .build();
    }

    /**
     * The RFC 9457 body, for answers written outside JAX-RS (servlets).
     *
     * @param type the problem type relative to {@link #TYPE_BASE}, or null for {@code about:blank}
     */
    public static JsonObject body(int status, String type, String title, String detail, Map<String, Object> extensions) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", type == null ? "about:blank" : URI.create(TYPE_BASE).resolve(type).toString())
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        extensions.forEach((name, value) -> {
            if (value instanceof Number number) {
                body.add(name, number.longValue());
            } else if (value instanceof jakarta.json.JsonValue json) {
                body.add(name, json);
            } else if (value != null) {
                body.add(name, value.toString());
            }
        });
        return body.build();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, null, title, detail, Map.of());
    }
}

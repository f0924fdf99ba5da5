package org.portico.demoapp.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * One answer of the app's JSON API: status, content type, extra headers and a JSON object. Built apart from the
 * Servlet API, so what an endpoint answers is tested without a container; {@link #write} sends it. Immutable.
 *
 * @param contentType {@code application/json} or {@code application/problem+json}
 * @param headers     header name to value, in order
 */
record ApiReply(int status, String contentType, Map<String, String> headers, Map<String, Object> body) {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    ApiReply {
        Objects.requireNonNull(contentType, "contentType");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    static ApiReply json(int status, Map<String, Object> body) {
        return new ApiReply(status, JSON, Map.of(), body);
    }

    /** An RFC 9457 problem: {@code type} about:blank, the status' title, and a detail for people. */
    static ApiReply problem(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", switch (status) {
            case 401 -> "Unauthorized";
            case 405 -> "Method not allowed";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            case 503 -> "Service unavailable";
            default -> "Bad request";
        });
        problem.put("status", status);
        problem.put("detail", detail);
        return new ApiReply(status, PROBLEM, Map.of(), problem);
    }

    /** The same reply with one more header. */
    ApiReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiReply(status, contentType, more, body);
    }

    /** The same reply with one more member in its body. */
    ApiReply withMember(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(body);
        more.put(name, value);
        return new ApiReply(status, contentType, headers, more);
    }

    String bodyText() {
        return JSONObjectUtils.toJSONString(body);
    }

    void write(HttpServletResponse response) throws IOException {
        byte[] bytes = bodyText().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(contentType + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

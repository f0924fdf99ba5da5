package org.portico.web.wellknown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Writes the public JSON documents under {@code /.well-known/}. */
final class WellKnown {

    private WellKnown() {
    }

    static void json(HttpServletResponse response, String json, String contentType, String cacheControl) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", cacheControl);
        // Apps in other origins fetch these from their browsers too (single-page apps verifying tokens).
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

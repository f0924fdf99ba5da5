package org.portico.web.json;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider every part of Portico builds and reads JSON with: {@code JSON.createObjectBuilder()} where
 * one would write {@code Json.createObjectBuilder()}. Each of {@link jakarta.json.Json}'s static methods looks the
 * provider up again ({@link JsonProvider#provider()}: a {@link java.util.ServiceLoader} scan of the deployment's
 * class path and a failed {@code Class.forName} for OSGi), which cost more than the rest of a data tile's answer
 * together (see src/docs/benchmarks.md, issue 10). A provider is safe for use by many threads at once.
 */
public final class Jsons {

    /** Parsson, found once. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}

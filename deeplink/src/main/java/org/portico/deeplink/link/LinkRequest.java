package org.portico.deeplink.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to follow a link, as it arrived: {@code /link/{route}/{segment…}?{query}} in raw (still percent-encoded)
 * form. Nothing is decoded here; {@link LinkBinder} decodes each value exactly once, knowing which parameter it is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path     the request path from {@code /link/} on, raw, e.g. {@code /link/invoice/42}
 * @param route    the raw first segment after {@code /link/}: the route name as requested (may be empty)
 * @param segments the raw path segments after the route name; one trailing empty segment (a final {@code /}) is
 *                 dropped
 * @param query    the raw query string without {@code ?}, or {@code ""}
 */
public record LinkRequest(String path, String route, List<String> segments, String query) {

    /** Where links live under Portico's context path. */
    public static final String PREFIX = "/link/";

    public LinkRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(route, "route");
        segments = List.copyOf(segments);
        query = query == null ? "" : query;
    }

    /**
     * Splits a raw request path.
     *
     * @param path  the raw path below the context path, starting with {@value #PREFIX} (e.g. from
     *              {@code getRequestURI()} without the context path)
     * @param query the raw query string, or null
     * @throws IllegalArgumentException when {@code path} does not start with {@value #PREFIX}
     */
    public static LinkRequest parse(String path, String query) {
        if (path == null || !path.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a link path starts with " + PREFIX);
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String route = slash < 0 ? rest : rest.substring(0, slash);
        List<String> segments = new ArrayList<>();
        if (slash >= 0) {
            String[] parts = rest.substring(slash + 1).split("/", -1);
            int count = parts.length;
            if (count > 0 && parts[count - 1].isEmpty()) {
                count--;
            }
            for (int i = 0; i < count; i++) {
                segments.add(parts[i]);
            }
        }
        return new LinkRequest(path, route, segments, query);
    }

    /**
     * The context-relative address of a link to {@code route} with these parameters, e.g.
     * {@code /link/invoice/42?tab=items}: parameters fill path segments in their declared order while they are
     * present, the rest (after an absent optional one) go into the query by name; every value is percent-encoded.
     * With a ticket, {@value LinkBinder#TICKET} is added to the query.
     *
     * @param params values by parameter name (unknown names are ignored; see {@link LinkBinder} for the checks the
     *               link will meet)
     * @param ticket a one-time ticket, or null
     */
    public static String pathFor(LinkRoute route, java.util.Map<String, String> params, String ticket) {
        StringBuilder path = new StringBuilder(PREFIX).append(route.name());
        StringBuilder query = new StringBuilder();
        boolean inPath = true;
        for (RouteParameter parameter : route.parameters()) {
            String value = params.get(parameter.name());
            if (value == null) {
                inPath = false;
            } else if (inPath) {
                path.append('/').append(PercentCoding.encode(value));
            } else {
                query.append(query.length() == 0 ? "?" : "&").append(parameter.name()).append('=')
                        .append(PercentCoding.encode(value));
            }
        }
        if (ticket != null) {
            query.append(query.length() == 0 ? "?" : "&").append(LinkBinder.TICKET).append('=')
                    .append(PercentCoding.encode(ticket));
        }
        return path.append(query).toString();
    }

    /**
     * What an inbound signed link signs: the path and the query without the {@value LinkBinder#SIGNATURE} parameter,
     * exactly as sent, e.g. {@code /link/invoice/42?tab=items}.
     */
    public String signedContent() {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty() || pair.equals(LinkBinder.SIGNATURE) || pair.startsWith(LinkBinder.SIGNATURE + "=")) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
        }
        return kept.length() == 0 ? path : path + "?" + kept;
    }
}

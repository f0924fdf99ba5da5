package org.portico.cdn.purge;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Cloudflare: {@code POST /client/v4/zones/{zone_id}/purge_cache} with {@code {"tags":[…]}} or {@code {"files":[…]}},
 * one kind per request (https://developers.cloudflare.com/api/resources/cache/methods/purge/). Limits: 100 tags and
 * 100 URLs per request, what every plan allows (https://developers.cloudflare.com/cache/how-to/purge-cache/: "Max
 * operations per request: 100"; Enterprise allows 500 URLs). A purge with tags and URLs makes two requests.
 *
 * <p>Immutable and thread-safe.
 */
final class CloudflarePurger implements CdnPurger {

    static final PurgeLimits LIMITS = new PurgeLimits(100, 100);

    private final PurgeHttp http;
    private final String zoneId;

    CloudflarePurger(PurgeHttp http, String zoneId) {
        this.http = http;
        this.zoneId = zoneId;
    }

    @Override
    public PurgeLimits limits() {
        return LIMITS;
    }

    @Override
    public void purge(Purge purge) throws PurgeException {
        PurgeRequests.requireWithin(LIMITS, purge, "Cloudflare");
        for (String tag : purge.tags()) {
            // Cloudflare reads the Cache-Tag response header as a comma-separated list
            if (tag.contains(",")) {
                throw new IllegalArgumentException("cache tag '" + tag + "' has a comma; Cloudflare separates "
                        + "Cache-Tag values by commas");
            }
        }
        List<URI> urls = PurgeRequests.sortedUrls(purge);
        if (!purge.tags().isEmpty()) {
            List<String> tags = PurgeRequests.sortedTags(purge);
            purgeCache("tags", tags, "purging " + tags.size() + (tags.size() == 1 ? " cache tag" : " cache tags"));
        }
        if (!urls.isEmpty()) {
            purgeCache("files", urls.stream().map(URI::toString).toList(),
                    "purging " + urls.size() + (urls.size() == 1 ? " URL" : " URLs"));
        }
    }

    @Override
    public String check() throws PurgeException {
        String what = "reading zone " + zoneId;
        JsonObject result = call(request("").GET(), what);
        String name = result.getString("name", "");
        String status = result.getString("status", "");
        return "Cloudflare zone " + (name.isBlank() ? zoneId : PurgeRequests.excerpt(name) + " (" + zoneId + ")")
                + (status.isBlank() || status.equals("active") ? "" : ", status " + PurgeRequests.excerpt(status));
    }

    private void purgeCache(String field, List<String> values, String what) throws PurgeException {
        String body = Json.createObjectBuilder().add(field, Json.createArrayBuilder(values)).build().toString();
        call(request("/purge_cache").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), what);
    }

    /**
     * Sends and reads Cloudflare's envelope {@code {"success":…,"errors":[{"code":…,"message":…}],"result":…}}.
     *
     * @return the envelope's {@code result}
     */
    private JsonObject call(HttpRequest.Builder request, String what) throws PurgeException {
        PurgeHttp.Answer answer = http.send(request, what);
        Optional<JsonObject> envelope = PurgeHttp.jsonObject(answer.body());
        String errors = envelope.map(CloudflarePurger::errors).orElse("");
        if (!answer.ok()) {
            String explanation = switch (answer.status()) {
                case 400 -> "the request was refused";
                case 401 -> "the API token was refused (wrong, expired or revoked)";
                case 403 -> "the API token may not do this (purging needs Zone / Cache Purge, Test connection Zone / "
                        + "Zone / Read)";
                case 404 -> "no zone " + zoneId + " is visible to this token (check the zoneId)";
                case 429 -> "too many requests: Cloudflare's purge rate limit";
                default -> answer.status() >= 500 ? "a server error at Cloudflare" : "the request was refused";
            };
            throw http.refused(answer, what, errors.isEmpty() ? explanation
                    : explanation + "; Cloudflare says: " + errors, Optional.empty());
        }
        JsonObject json = envelope.orElseThrow(() -> http.unreadable(answer, what, "something that is not JSON"));
        JsonValue.ValueType success = json.containsKey("success") ? json.get("success").getValueType() : null;
        if (success == JsonValue.ValueType.FALSE) {
            throw new PurgeException(http.redact("Cloudflare refused " + what + " (" + answer.uri() + "): "
                    + (errors.isEmpty() ? "\"success\": false, no reason given" : errors)), false);
        }
        if (success != JsonValue.ValueType.TRUE) {
            throw http.unreadable(answer, what, "JSON without \"success\"");
        }
        return json.get("result") instanceof JsonObject result ? result : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String errors(JsonObject envelope) {
        if (!(envelope.get("errors") instanceof JsonArray errors)) {
            return "";
        }
        return errors.stream()
                .filter(error -> error instanceof JsonObject)
                .map(JsonValue::asJsonObject)
                .map(error -> (error.containsKey("code") ? error.get("code") + ": " : "")
                        + error.getString("message", ""))
                .map(PurgeRequests::excerpt)
                .collect(Collectors.joining("; "));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.resolve("/client/v4/zones/" + zoneId + path))
                .header("Authorization", "Bearer " + http.credential())
                .header("Accept", "application/json");
    }
}

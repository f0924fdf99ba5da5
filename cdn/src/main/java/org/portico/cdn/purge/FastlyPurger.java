package org.portico.cdn.purge;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Fastly: tags by the batch surrogate-key purge, URLs by the single-URL purge, both optionally soft
 * (https://www.fastly.com/documentation/reference/api/purging/). Limits: 256 surrogate keys per batch (Fastly's
 * documented maximum) and one URL per purge (one API call each; the queue batches).
 *
 * <p>Immutable and thread-safe.
 */
final class FastlyPurger implements CdnPurger {

    static final PurgeLimits LIMITS = new PurgeLimits(256, 1);

    private final PurgeHttp http;
    private final String serviceId;
    private final boolean soft;

    FastlyPurger(PurgeHttp http, String serviceId, boolean soft) {
        this.http = http;
        this.serviceId = serviceId;
        this.soft = soft;
    }

    @Override
    public PurgeLimits limits() {
        return LIMITS;
    }

    @Override
    public void purge(Purge purge) throws PurgeException {
        PurgeRequests.requireWithin(LIMITS, purge, "Fastly");
        List<URI> urls = PurgeRequests.sortedUrls(purge);
        if (!purge.tags().isEmpty()) {
            purgeKeys(PurgeRequests.sortedTags(purge));
        }
        for (URI url : urls) {
            purgeUrl(url);
        }
    }

    @Override
    public String check() throws PurgeException {
        String what = "reading service " + serviceId;
        PurgeHttp.Answer answer = http.send(request("/service/" + serviceId).GET(), what);
        if (!answer.ok()) {
            throw refused(answer, what);
        }
        JsonObject service = PurgeHttp.jsonObject(answer.body())
                .orElseThrow(() -> http.unreadable(answer, what, "something that is not a JSON object"));
        String name = service.getString("name", "");
        return "Fastly service " + (name.isBlank() ? serviceId : "'" + PurgeRequests.excerpt(name) + "' (" + serviceId
                + ")") + (soft ? ", soft purges" : "");
    }

    /** POST /service/{id}/purge with {"surrogate_keys":[…]}; Fastly answers a map of key to purge ID. */
    private void purgeKeys(List<String> keys) throws PurgeException {
        String what = "purging " + keys.size() + (keys.size() == 1 ? " surrogate key" : " surrogate keys");
        String body = Json.createObjectBuilder()
                .add("surrogate_keys", Json.createArrayBuilder(keys))
                .build().toString();
        PurgeHttp.Answer answer = http.send(request("/service/" + serviceId + "/purge")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), what);
        if (!answer.ok()) {
            throw refused(answer, what);
        }
        PurgeHttp.jsonObject(answer.body())
                .orElseThrow(() -> http.unreadable(answer, what, "something that is not a JSON object"));
    }

    /**
     * POST /purge/{host}{path} (the cached URL without its scheme); Fastly answers {"status":"ok","id":…}. Unlike the
     * key purge it is not scoped to the service: Fastly purges the URL in whichever service caches it for that host.
     */
    private void purgeUrl(URI url) throws PurgeException {
        String what = "purging " + url;
        PurgeHttp.Answer answer = http.send(request("/purge/" + PurgeRequests.hostAndPort(url)
                + PurgeRequests.pathAndQuery(url)).POST(HttpRequest.BodyPublishers.noBody()), what);
        if (!answer.ok()) {
            throw refused(answer, what);
        }
        String status = PurgeHttp.jsonObject(answer.body()).map(json -> json.getString("status", "")).orElse("");
        if (!status.equals("ok")) {
            throw http.unreadable(answer, what, "an answer other than {\"status\":\"ok\"}");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.resolve(path))
                .header("Fastly-Key", http.credential())
                .header("Accept", "application/json");
        if (soft) {
            request.header("Fastly-Soft-Purge", "1");
        }
        return request;
    }

    private PurgeException refused(PurgeHttp.Answer answer, String what) {
        String said = PurgeHttp.jsonObject(answer.body())
                .map(json -> json.getString("msg", "")
                        + (json.get("detail") instanceof JsonString detail ? " (" + detail.getString() + ")" : ""))
                .filter(text -> !text.isBlank())
                .map(PurgeRequests::excerpt)
                .orElse("");
        String explanation = switch (answer.status()) {
            case 401 -> "the API token was refused (wrong, expired or deleted)";
            case 403 -> "the API token may not do this (purging needs the purge_select scope, Test connection "
                    + "global:read)";
            case 404 -> "no service " + serviceId + " is visible to this token (check the serviceId)";
            case 429 -> "too many requests: Fastly's API rate limit";
            default -> answer.status() >= 500 ? "a server error at Fastly" : "the request was refused";
        };
        // Fastly-RateLimit-Reset: when the rate-limit window ends, in seconds since the epoch
        // (https://www.fastly.com/documentation/reference/api/#rate-limiting)
        Optional<Instant> reset = answer.headers().firstValue("Fastly-RateLimit-Reset")
                .filter(value -> value.strip().matches("\\d{1,12}"))
                .map(value -> Instant.ofEpochSecond(Long.parseLong(value.strip())));
        return http.refused(answer, what, said.isEmpty() ? explanation : explanation + "; Fastly says: " + said,
                reset);
    }
}

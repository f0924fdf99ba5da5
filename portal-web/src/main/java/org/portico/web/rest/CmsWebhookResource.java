package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.portico.cms.webhook.ContentRef;
import org.portico.cms.webhook.WebhookRejectedException;
import org.portico.web.cms.source.CmsWebhooks;

/**
 * Webhooks of external CMS sources, {@code POST /api/cms/webhooks/{source}}: no session, no role — a delivery proves
 * it comes from the source by its signature (Portico's WordPress plugin: HMAC-SHA256 over timestamp and body) or the
 * shared secret header (Strapi), is fresh (5 minutes either way) and taken once. Answers: 200
 * {@code {"changed": [cache tag…]}}; 401 when the proof is missing or wrong; 400 when stale or unreadable; 409 when
 * taken before; 404 for an unknown or disabled source; 415 unless JSON; 413 over the API's body cap. Nothing is
 * invalidated unless every check passed.
 */
@Path("cms/webhooks")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CmsWebhookResource {

    @Inject
    CmsWebhooks webhooks;

    @Context
    HttpServletRequest request;

    @POST
    @Path("{source}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("source") String source, InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        try {
            List<ContentRef> changed = webhooks.receive(source, request::getHeader, bytes);
            JsonArrayBuilder tags = JSON.createArrayBuilder();
            changed.stream().map(ContentRef::cacheTag).distinct().forEach(tags::add);
            return Response.ok(JSON.createObjectBuilder().add("changed", tags).build().toString())
                    .header("Cache-Control", "no-store").build();
        } catch (WebhookRejectedException e) {
            int status = switch (e.reason()) {
                case MISSING, BAD_SIGNATURE -> 401;
                case STALE, MALFORMED -> 400;
            };
            throw new ApiProblemException(status, e.getMessage());
        } catch (CmsWebhooks.Replayed e) {
            throw new ApiProblemException(409, "This delivery was taken before: each delivery is taken once.");
        }
    }
}

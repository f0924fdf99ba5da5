package org.portico.web.rest;

import static org.portico.web.json.Jsons.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.portico.web.media.MediaInfo;
import org.portico.web.media.MediaRejectedException;
import org.portico.web.media.MediaSettings;
import org.portico.web.media.MediaStore;
import org.portico.web.security.CurrentUser;
import org.portico.web.signedurl.SignedUrl;
import org.portico.web.signedurl.SignedUrls;
import org.portico.web.user.Role;

/**
 * The CMS media store for content editors and site admins, {@code /api/cms/media}:
 * <ul>
 *   <li>{@code POST /api/cms/media}, {@code multipart/form-data} with the image in the part {@code file} (and
 *       {@code private} = {@code true} for a private image) → 201, {@code Location} (where the image is served) and
 *       {@code {"url": "/media/<sha256>.<ext>", "sha256", "type", "size", "width", "height", "name", "uploadedBy",
 *       "uploadedAt", "private"}}. The same image uploaded again answers the stored one, at the same URL, with its
 *       mark.</li>
 *   <li>{@code GET /api/cms/media?first=0&max=50} → {@code {"total", "items": [image…]}}, newest first</li>
 *   <li>{@code GET /api/cms/media/{sha256}} → the image's details</li>
 *   <li>{@code PUT /api/cms/media/{sha256}/private}, {@code {"private": true|false}} → the image's details, marked</li>
 *   <li>{@code DELETE /api/cms/media/{sha256}} → 204</li>
 * </ul>
 * A private image's {@code url} is the path its signed URLs name (it is not served there, and pages keep it in their
 * HTML); its details also hold {@code signedUrl}, an absolute URL signed for the caller that expires
 * ({@code portico.cdn.signing.lifetime}), with its {@code signedUrlExpires}. Its {@code Location} is that signed URL.
 * Refusals are problem+json in the request's language: no part {@code file} or an empty file 400; a file or body over
 * {@code portico.media.max-size} 413 (the body is counted while it is read, {@link BodyLimitFilter}); bytes that are
 * no PNG, JPEG, GIF or WebP image 415, whatever the file is called; another request type than multipart 415; a full
 * store 409; an unknown image 404. Guests 401, users without the content-editor or site-admin role 403, and a
 * cookie-authenticated change from another site 403 ({@link SameOriginFilter}), all before the body is read.
 */
@Path("cms/media")
@RequestScoped
@RolesAllowed({Role.Names.CONTENT_EDITOR, Role.Names.SITE_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {

    @Inject
    MediaStore media;

    @Inject
    MediaSettings settings;

    @Inject
    CurrentUser currentUser;

    @Inject
    SignedUrls signedUrls;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @MediaUpload
    public Response upload(@FormParam("file") EntityPart file, @FormParam("private") String privateFile)
            throws IOException {
        if (file == null) {
            throw new MediaRejectedException.NoFile();
        }
        byte[] bytes;
        try (InputStream content = file.getContent()) {
            bytes = content.readNBytes(settings.maxSize() + 1); // one byte more than allowed tells "too large"
        }
        MediaInfo stored = media.store(bytes, file.getFileName().orElse(null), currentUser.getUsername(),
                "true".equals(privateFile) || "on".equals(privateFile));
        return Response.created(served(stored)).entity(json(stored).build()).build();
    }

    @GET
    public JsonObject list(@QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        Page page = Page.of(first, max);
        return Page.answer(media.count(), media.list(page.first(), page.size()), this::json);
    }

    @GET
    @Path("{sha256}")
    public JsonObject get(@PathParam("sha256") String sha256) {
        return json(media.find(sha256).orElseThrow(() -> new MediaRejectedException.MediaNotFound(sha256))).build();
    }

    @PUT
    @Path("{sha256}/private")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject mark(@PathParam("sha256") String sha256, InputStream body) {
        JsonValue json = RoutesResource.read(body, "{\"private\": true} or {\"private\": false}");
        JsonValue mark = json instanceof JsonObject object ? object.get("private") : null;
        if (mark != JsonValue.TRUE && mark != JsonValue.FALSE) {
            throw new ApiProblemException(400, "The body must be {\"private\": true} or {\"private\": false}.");
        }
        return json(media.mark(sha256, mark == JsonValue.TRUE, currentUser.getUsername())).build();
    }

    @DELETE
    @Path("{sha256}")
    public Response delete(@PathParam("sha256") String sha256) {
        media.delete(sha256, currentUser.getUsername());
        return Response.noContent().build();
    }

    /**
     * The absolute URL the image is served at: {@code /media/…} beside the API's {@code /api/}; for a private image,
     * a signed one.
     */
    private URI served(MediaInfo stored) {
        return stored.privateFile() ? URI.create(signedUrls.sign(stored.url(), request).url())
                : uriInfo.getBaseUri().resolve(".." + stored.url());
    }

    private JsonObjectBuilder json(MediaInfo media) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("url", media.url())
                .add("sha256", media.sha256())
                .add("type", media.format().mediaType())
                .add("size", media.size())
                .add("name", media.name())
                .add("uploadedBy", media.uploadedBy())
                .add("uploadedAt", media.uploadedAt().toString())
                .add("private", media.privateFile());
        if (media.privateFile()) {
            SignedUrl signed = signedUrls.sign(media.url(), request);
            json.add("signedUrl", signed.url()).add("signedUrlExpires", signed.expiresAt().toString());
        }
        if (media.width() == null || media.height() == null) {
            json.addNull("width").addNull("height");
        } else {
            json.add("width", media.width()).add("height", media.height());
        }
        return json;
    }
}

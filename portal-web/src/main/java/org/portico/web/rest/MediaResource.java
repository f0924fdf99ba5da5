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
import org.portico.web.user.Role;

/**
 * The CMS media store for content editors and site admins, {@code /api/cms/media}:
 * <ul>
 *   <li>{@code POST /api/cms/media}, {@code multipart/form-data} with the image in the part {@code file} → 201,
 *       {@code Location} (where the image is served) and {@code {"url": "/media/<sha256>.<ext>", "sha256", "type",
 *       "size", "width", "height", "name", "uploadedBy", "uploadedAt"}}. The same image uploaded again answers the
 *       stored one, at the same URL.</li>
 *   <li>{@code GET /api/cms/media?first=0&max=50} → {@code {"total", "items": [image…]}}, newest first</li>
 *   <li>{@code GET /api/cms/media/{sha256}} → the image's details</li>
 *   <li>{@code DELETE /api/cms/media/{sha256}} → 204</li>
 * </ul>
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

    @Context
    UriInfo uriInfo;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @MediaUpload
    public Response upload(@FormParam("file") EntityPart file) throws IOException {
        if (file == null) {
            throw new MediaRejectedException.NoFile();
        }
        byte[] bytes;
        try (InputStream content = file.getContent()) {
            bytes = content.readNBytes(settings.maxSize() + 1); // one byte more than allowed tells "too large"
        }
        MediaInfo stored = media.store(bytes, file.getFileName().orElse(null), currentUser.getUsername());
        return Response.created(served(stored)).entity(json(stored).build()).build();
    }

    @GET
    public JsonObject list(@QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        Page page = Page.of(first, max);
        return Page.answer(media.count(), media.list(page.first(), page.size()), MediaResource::json);
    }

    @GET
    @Path("{sha256}")
    public JsonObject get(@PathParam("sha256") String sha256) {
        return json(media.find(sha256).orElseThrow(() -> new MediaRejectedException.MediaNotFound(sha256))).build();
    }

    @DELETE
    @Path("{sha256}")
    public Response delete(@PathParam("sha256") String sha256) {
        media.delete(sha256, currentUser.getUsername());
        return Response.noContent().build();
    }

    /** The absolute URL the image is served at: {@code /media/…} beside the API's {@code /api/}. */
    private URI served(MediaInfo stored) {
        return uriInfo.getBaseUri().resolve(".." + stored.url());
    }

    static JsonObjectBuilder json(MediaInfo media) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("url", media.url())
                .add("sha256", media.sha256())
                .add("type", media.format().mediaType())
                .add("size", media.size())
                .add("name", media.name())
                .add("uploadedBy", media.uploadedBy())
                .add("uploadedAt", media.uploadedAt().toString());
        if (media.width() == null || media.height() == null) {
            json.addNull("width").addNull("height");
        } else {
            json.add("width", media.width()).add("height", media.height());
        }
        return json;
    }
}

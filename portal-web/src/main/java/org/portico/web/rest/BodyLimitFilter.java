package org.portico.web.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.portico.web.media.MediaRejectedException;
import org.portico.web.media.MediaSettings;
import org.portico.web.settings.RequestLimits;

/**
 * Caps every request body of the API at {@code portico.api.max-body-size} (413 problem+json). A declared
 * {@code Content-Length} over the cap is refused before a byte is read; a body without one (chunked) is counted while
 * it is read and cut at the cap, whoever reads it (a resource's {@code InputStream} or RESTEasy's readers).
 * A method marked {@link MediaUpload} has the media store's cap instead ({@code portico.media.max-size} and the
 * multipart headers), and its 413 is the media store's refusal; RESTEasy parses the multipart body after this filter
 * (its {@code EntityPartFilter} runs at the default priority), so the cap holds while the parts are read.
 * <p>
 * Runs after authentication and {@code @RolesAllowed}, so a stranger's body is refused unread with 401/403 instead.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
@ApplicationScoped
public class BodyLimitFilter implements ContainerRequestFilter {

    @Inject
    RequestLimits limits;

    @Inject
    MediaSettings media;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        boolean upload = resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(MediaUpload.class);
        long max = upload ? media.maxUploadBody() : limits.maxBodySize();
        Supplier<RuntimeException> tooLarge = upload
                ? () -> new MediaRejectedException.TooLarge(media.maxSize())
                : () -> tooLarge(max);
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !length.isBlank()) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiProblemException(400, "The Content-Length header must be a number of bytes.");
            }
            if (declared > max) {
                throw tooLarge.get();
            }
        }
        if (request.getEntityStream() != null) {
            request.setEntityStream(new Capped(request.getEntityStream(), max, tooLarge));
        }
    }

    static ApiProblemException tooLarge(long max) {
        return new ApiProblemException(413, "The body is larger than " + max + " bytes"
                + (max % 1024 == 0 ? " (" + max / 1024 + " KiB)" : "") + ". Send less, or split it.");
    }

    /**
     * The body, cut at {@code max} bytes: reading past them throws the 413 (unchecked, so that no reader takes it for
     * a broken connection).
     */
    static final class Capped extends FilterInputStream {

        private final long max;
        private final Supplier<RuntimeException> tooLarge;
        private long count;

        Capped(InputStream body, long max, Supplier<RuntimeException> tooLarge) {
            super(body);
            this.max = max;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > max) {
                throw tooLarge.get();
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

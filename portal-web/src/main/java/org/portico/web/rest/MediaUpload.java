package org.portico.web.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose body is an image upload: {@link BodyLimitFilter} caps it at the media store's limit
 * ({@code portico.media.max-size} and the multipart headers around the file) instead of
 * {@code portico.api.max-body-size}, and answers a larger one with the media store's own 413.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface MediaUpload {
}

package org.portico.web.media;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link ImageFormat} as its media type ({@code image/png}), which the table's check constraint lists. */
@Converter
class ImageFormatConverter implements AttributeConverter<ImageFormat, String> {

    @Override
    public String convertToDatabaseColumn(ImageFormat format) {
        return format == null ? null : format.mediaType();
    }

    @Override
    public ImageFormat convertToEntityAttribute(String mediaType) {
        return mediaType == null ? null : ImageFormat.ofMediaType(mediaType).orElseThrow(
                () -> new IllegalStateException("cms_media holds an unknown media type: " + mediaType));
    }
}

package org.portico.web.media;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.portico.web.settings.TestConfigs;

/** The media store's bounds: defaults, and a bad value stops the start with a valid one in the message. */
class MediaSettingsTest {

    private static MediaSettings read(Map<String, String> values) {
        MediaSettings settings = new MediaSettings();
        settings.config = TestConfigs.of(values);
        settings.read();
        return settings;
    }

    @Test
    void defaultsAreFiveMebibytesAndTenThousandImages() {
        MediaSettings settings = read(Map.of());
        assertAll(
                () -> assertEquals(5 * 1024 * 1024, settings.maxSize()),
                () -> assertEquals(5 * 1024 * 1024 + 64 * 1024, settings.maxUploadBody()),
                () -> assertEquals(10_000, settings.maxItems()),
                () -> assertEquals(64 * 1024 * 1024, settings.cacheSize()));
    }

    @Test
    void aBadValueSaysWhatAGoodOneLooksLike() {
        assertAll(
                () -> assertEquals("portico.media.max-size must be a whole number between 1024 and 52428800 such as"
                                + " 5242880, got '5MB'",
                        assertThrows(IllegalStateException.class,
                                () -> read(Map.of("portico.media.max-size", "5MB"))).getMessage()),
                () -> assertEquals("portico.media.max-items must be a whole number between 1 and 1000000 such as"
                                + " 10000, got '0'",
                        assertThrows(IllegalStateException.class,
                                () -> read(Map.of("portico.media.max-items", "0"))).getMessage()));
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertAll(
                () -> assertEquals("5 MiB", MediaSettings.bytes(5 * 1024 * 1024)),
                () -> assertEquals("512 KiB", MediaSettings.bytes(512 * 1024)),
                () -> assertEquals("1000 bytes", MediaSettings.bytes(1000)));
    }
}

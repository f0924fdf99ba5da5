package org.portico.web.media;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The format is read from the first bytes, with the image's size; anything else is no image. */
class ImageHeaderTest {

    @Test
    void eachAcceptedFormatIsRecognisedWithItsSize() {
        assertAll(
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.PNG, 40, 30)),
                        ImageHeader.read(TestImages.drawn("png", 40, 30, Color.RED))),
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.JPEG, 17, 9)),
                        ImageHeader.read(TestImages.drawn("jpg", 17, 9, Color.BLUE))),
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.GIF, 3, 300)),
                        ImageHeader.read(TestImages.drawn("gif", 3, 300, Color.GREEN))),
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.WEBP, 1, 1)),
                        ImageHeader.read(TestImages.WEBP_LOSSY)),
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.WEBP, 1, 1)),
                        ImageHeader.read(TestImages.WEBP_LOSSLESS)),
                () -> assertEquals(Optional.of(new ImageHeader(ImageFormat.WEBP, 1, 1)),
                        ImageHeader.read(TestImages.WEBP_EXTENDED)));
    }

    @Test
    void aJpegWithMetadataBeforeItsFrameIsReadToTheFrame() {
        byte[] jpeg = TestImages.drawn("jpg", 640, 480, Color.GRAY);
        byte[] app1 = new byte[4 + 1000]; // an APP1 (Exif) segment of 1000 bytes after SOI
        app1[0] = (byte) 0xff;
        app1[1] = (byte) 0xe1;
        app1[2] = (byte) (1002 >> 8);
        app1[3] = (byte) (1002 & 0xff);
        byte[] withExif = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, withExif, 0, 2);
        System.arraycopy(app1, 0, withExif, 2, app1.length);
        System.arraycopy(jpeg, 2, withExif, 2 + app1.length, jpeg.length - 2);

        assertEquals(Optional.of(new ImageHeader(ImageFormat.JPEG, 640, 480)), ImageHeader.read(withExif));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            "<html><script>alert(document.cookie)</script></html>",
            "%PDF-1.7",
            "Just some notes.",
            "GIF8",
            "RIFF\u0000\u0000\u0000\u0000WAVEfmt "})
    void textSvgHtmlAndOtherFilesAreNoImages(String content) {
        assertEquals(Optional.empty(), ImageHeader.read(content.getBytes(UTF_8)));
    }

    @Test
    void aHeaderCutShortIsNoImage() {
        byte[] png = TestImages.drawn("png", 2, 2, Color.RED);
        byte[] jpeg = TestImages.drawn("jpg", 2, 2, Color.RED);
        byte[] gif = TestImages.drawn("gif", 2, 2, Color.RED);
        assertAll(
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(png, 8)), "the signature alone"),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(png, 20)), "IHDR cut"),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(jpeg, 3)), "SOI alone"),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(jpeg, 20)), "no frame header"),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(gif, 9))),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(TestImages.WEBP_LOSSY, 24))),
                () -> assertEquals(Optional.empty(), ImageHeader.read(Arrays.copyOf(TestImages.WEBP_LOSSLESS, 16))),
                () -> assertEquals(Optional.empty(), ImageHeader.read(new byte[0])));
    }

    @Test
    void anImageOfNoPixelsIsNoImage() {
        byte[] png = TestImages.drawn("png", 2, 2, Color.RED);
        png[19] = 0; // width 0 in IHDR
        png[18] = 0;
        assertTrue(ImageHeader.read(png).isEmpty());
    }
}

package org.portico.web.media;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** What the store accepts: the content decides the type, within the size and row caps; names are only shown. */
class MediaRulesTest {

    private static final int MAX = 5 * 1024 * 1024;

    @Test
    void aPngNamedTxtIsAPngAndTextNamedPngIsRefused() {
        byte[] png = TestImages.drawn("png", 4, 4, Color.RED);
        var refused = assertThrows(MediaRejectedException.NotAnImage.class,
                () -> MediaRules.image("hello".getBytes(UTF_8), "photo.png", MAX));
        assertAll(
                () -> assertEquals(ImageFormat.PNG, MediaRules.image(png, "notes.txt", MAX).format()),
                () -> assertEquals(415, refused.status()),
                () -> assertEquals("The file photo.png is no PNG, JPEG, GIF or WebP image. Portico looks at its content,"
                        + " not its name, and takes no SVG (it can hold scripts).", refused.getMessage()),
                () -> assertEquals("Die Datei photo.png ist kein PNG-, JPEG-, GIF- oder WebP-Bild. Portico prüft ihren"
                        + " Inhalt, nicht ihren Namen, und nimmt kein SVG an (es kann Skripte enthalten).",
                        refused.message(Locale.GERMAN)));
    }

    @Test
    void svgIsRefusedWhateverItIsCalled() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(UTF_8);
        assertThrows(MediaRejectedException.NotAnImage.class, () -> MediaRules.image(svg, "logo.png", MAX));
    }

    @Test
    void anEmptyFileIs400AndOneOverTheCap413() {
        byte[] png = TestImages.drawn("png", 64, 64, Color.RED);
        var empty = assertThrows(MediaRejectedException.EmptyFile.class, () -> MediaRules.image(new byte[0], "x", MAX));
        var tooLarge = assertThrows(MediaRejectedException.TooLarge.class,
                () -> MediaRules.image(png, "big.png", png.length - 1));
        assertAll(
                () -> assertEquals(400, empty.status()),
                () -> assertEquals(413, tooLarge.status()),
                () -> assertEquals("The image is larger than 5 MiB. Make it smaller (fewer pixels or stronger"
                        + " compression) and upload it again.", new MediaRejectedException.TooLarge(MAX).getMessage()),
                () -> assertDoesNotThrow(() -> MediaRules.image(png, "exact.png", png.length), "exactly the cap"));
    }

    @Test
    void theStoreTakesImagesUpToItsRowCap() {
        var full = assertThrows(MediaRejectedException.StoreFull.class, () -> MediaRules.requireRoom(10_000, 10_000));
        assertAll(
                () -> assertDoesNotThrow(() -> MediaRules.requireRoom(9_999, 10_000)),
                () -> assertEquals(409, full.status()),
                () -> assertEquals("media-store-full", full.type()),
                () -> assertEquals("Der Medienspeicher ist voll: Er enthält 10000 Bilder, so viele wie erlaubt. Löschen"
                        + " Sie nicht mehr benutzte Bilder, oder bitten Sie den Betrieb, portico.media.max-items zu"
                        + " erhöhen.", full.message(Locale.GERMAN)));
    }

    @Test
    void aFileNameIsKeptForPeopleOnlyCutAndWithoutControlsOrPaths() {
        assertAll(
                () -> assertEquals("photo.png", MediaRules.displayName("C:\\Users\\eddie\\photo.png")),
                () -> assertEquals("passwd", MediaRules.displayName("../../etc/passwd")),
                () -> assertEquals("evilgnp.exe", MediaRules.displayName("evil\u202Egnp.exe\r\n")),
                () -> assertEquals("image", MediaRules.displayName(null)),
                () -> assertEquals("image", MediaRules.displayName("  ")),
                () -> assertEquals(MediaRules.NAME_LENGTH, MediaRules.displayName("a".repeat(5000)).length()),
                () -> assertEquals(MediaRules.NAME_LENGTH - 1, MediaRules.displayName("a".repeat(199) + "😀").length()));
    }

    @Test
    void anImagesNameIsTheHexSha256OfItsBytes() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                MediaRules.sha256("hello".getBytes(UTF_8)));
    }
}

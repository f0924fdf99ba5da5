package org.portico.cdn.fingerprint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class FingerprintedAssetsTest {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>(Map.of(
            "css/portico.css", "body{margin:0}".getBytes(UTF_8),
            "js/app.min.js", "console.log(1)".getBytes(UTF_8)));
    private final List<String> reads = new CopyOnWriteArrayList<>();
    private final FingerprintedAssets assets = new FingerprintedAssets(path -> {
        reads.add(path);
        return Optional.ofNullable(files.get(path));
    });

    @Test
    void resolvesTheCurrentFingerprintedNameAndServesTheSameBytes() throws IOException {
        FingerprintedAsset css = assets.get("css/portico.css");
        String name = "css/portico." + ContentHash.of("body{margin:0}".getBytes(UTF_8)).fingerprint() + ".css";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes(assets.findByFingerprintedName(name).orElseThrow()));
        assertAll(
                () -> assertEquals(name, css.name().toString()),
                () -> assertEquals("body{margin:0}", out.toString(UTF_8)),
                () -> assertEquals(14, css.length()));
    }

    @Test
    void readsAndHashesEachAssetOnce() {
        assets.get("css/portico.css");
        assets.get("css/portico.css");
        assets.findByFingerprintedName(assets.get("css/portico.css").name().toString());
        assertEquals(List.of("css/portico.css"), reads);
    }

    @Test
    void staleFingerprintIsNotFound() {
        String current = assets.get("js/app.min.js").name().toString();
        String stale = current.replace(assets.get("js/app.min.js").hash().fingerprint(), "AAAAAAAAAAAA");
        assertEquals(Optional.empty(), assets.findByFingerprintedName(stale));
    }

    @Test
    void unknownNamesAreNotFoundAndNotRemembered() {
        assertAll(
                () -> assertEquals(Optional.empty(), assets.find("css/missing.css")),
                () -> assertEquals(Optional.empty(), assets.findByFingerprintedName("css/missing.AAAAAAAAAAAA.css")),
                () -> assertEquals(Optional.empty(), assets.findByFingerprintedName("../etc/passwd")),
                () -> assertEquals(Optional.empty(), assets.find("../etc/passwd.txt")));
        files.put("css/missing.css", "x{}".getBytes(UTF_8));
        assertTrue(assets.find("css/missing.css").isPresent(), "a file that appears later is found");
        assertTrue(!reads.contains("../etc/passwd.txt"), "invalid paths never reach the loader");
    }

    @Test
    void getNamesTheMissingAssetAndReadFailuresAreUnchecked() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> assets.get("css/nope.css"));
        FingerprintedAssets broken = new FingerprintedAssets(path -> {
            throw new IOException("disk on fire");
        });
        assertAll(
                () -> assertTrue(missing.getMessage().contains("css/nope.css")),
                () -> assertThrows(UncheckedIOException.class, () -> broken.find("css/portico.css")));
    }

    @Test
    void contentCannotBeChangedThroughTheArrayItWasBuiltFrom() throws IOException {
        byte[] content = "a{}".getBytes(UTF_8);
        FingerprintedAsset asset = new FingerprintedAsset("a.css", content);
        content[0] = 'b';
        assertEquals("a{}", new String(bytes(asset), UTF_8));
    }

    @Test
    void aLoaderMayLookUpOtherAssets() throws IOException {
        // A style sheet names its fonts by their fingerprinted URLs, so loading it loads them (no recursive update).
        Map<String, byte[]> nested = Map.of("font.ttf", "glyphs".getBytes(UTF_8));
        FingerprintedAssets[] self = new FingerprintedAssets[1];
        self[0] = new FingerprintedAssets(path -> path.equals("theme.css")
                ? Optional.of(("@font-face{src:url(" + self[0].get("font.ttf").name() + ")}").getBytes(UTF_8))
                : Optional.ofNullable(nested.get(path)));
        String css = new String(bytes(self[0].get("theme.css")), UTF_8);
        assertEquals("@font-face{src:url(" + self[0].get("font.ttf").name() + ")}", css);
    }

    @Test
    void integrityIsTheSha384OfTheContent() {
        // The SRI spec's example digest of "alert('Hello, world.');" (W3C Subresource Integrity, section 3.2).
        FingerprintedAsset asset = new FingerprintedAsset("js/hello.js", "alert('Hello, world.');".getBytes(UTF_8));
        assertEquals("sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO", asset.integrity());
    }

    @Test
    void compressedRepresentationsHaveTagsOfTheirOwn() {
        FingerprintedAsset css = new FingerprintedAsset("css/big.css", "a{b:c}\n".repeat(500).getBytes(UTF_8));
        FingerprintedAsset png = new FingerprintedAsset("img/x.png", "a{b:c}\n".repeat(500).getBytes(UTF_8));
        var gzip = css.representation(org.portico.cdn.encoding.ContentEncoding.GZIP).orElseThrow();
        var identity = css.representation(org.portico.cdn.encoding.ContentEncoding.IDENTITY).orElseThrow();
        assertAll(
                () -> assertEquals(java.util.EnumSet.allOf(org.portico.cdn.encoding.ContentEncoding.class).size() - 1,
                        css.encodings().size()),
                () -> assertTrue(png.encodings().isEmpty(), "images are not compressed again"),
                () -> assertEquals(css.hash().value() + ".gz", gzip.opaqueTag(css.hash())),
                () -> assertEquals(css.hash().value(), identity.opaqueTag(css.hash())),
                () -> assertEquals(3500, identity.length()));
    }

    /** The content as served (its identity representation). */
    private static byte[] bytes(FingerprintedAsset asset) {
        java.nio.ByteBuffer buffer = asset.representation(org.portico.cdn.encoding.ContentEncoding.IDENTITY)
                .orElseThrow().buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

package org.portico.web.asset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;
import org.portico.cdn.fingerprint.FingerprintedAsset;
import org.portico.cdn.fingerprint.FingerprintedAssets;

/** Asset URLs on Portico's origin and on a CDN's. */
class AssetUrlsTest {

    private final FingerprintedAssets assets = new FingerprintedAssets(path ->
            Optional.ofNullable(Map.of("css/portico.css", "body{}".getBytes(UTF_8)).get(path)));
    private final String fingerprinted = assets.get("css/portico.css").name().toString();

    @Test
    void withoutACdnUrlsStayOnPorticosOrigin() {
        AssetUrls urls = urls("/portal", Optional.empty());
        assertAll(
                () -> assertEquals("/portal/assets/" + fingerprinted, urls.url("css/portico.css")),
                () -> assertEquals(Optional.empty(), urls.cdnOrigin()),
                () -> assertEquals(Optional.of(assets.get("css/portico.css").integrity()),
                        urls.integrityOf("/portal/assets/" + fingerprinted)));
    }

    @Test
    void aCdnMakesEveryAssetUrlAbsoluteToItsHost() {
        AssetUrls urls = urls("", Optional.of(" https://cdn.example.com/portal/ "));
        FingerprintedAsset faces = new FingerprintedAsset("primefaces/core.js", "x()".getBytes(UTF_8));
        String facesUrl = urls.facesUrl(faces);
        assertAll(
                () -> assertEquals("https://cdn.example.com/portal/assets/" + fingerprinted, urls.url("css/portico.css")),
                () -> assertTrue(facesUrl.startsWith("https://cdn.example.com/portal/assets/faces/primefaces/core."),
                        facesUrl),
                () -> assertEquals(Optional.of("https://cdn.example.com"), urls.cdnOrigin()),
                () -> assertEquals(Optional.of(faces.integrity()), urls.integrityOf(facesUrl)));
    }

    @Test
    void aBlankCdnUrlIsNone() {
        assertEquals(Optional.empty(), urls("", Optional.of("  ")).cdnOrigin());
    }

    private AssetUrls urls(String contextPath, Optional<String> cdnUrl) {
        AssetUrls urls = new AssetUrls();
        urls.assets = assets;
        urls.cdnUrl = cdnUrl;
        urls.servletContext = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> method.getName().equals("getContextPath") ? contextPath : null);
        urls.precompression = new AssetPrecompression() {
            @Override
            void precompress(FingerprintedAsset asset) {
                // the test needs no compression in the background
            }
        };
        urls.init();
        return urls;
    }
}

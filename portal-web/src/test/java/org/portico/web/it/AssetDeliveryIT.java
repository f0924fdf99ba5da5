package org.portico.web.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asset delivery on the wire: every script, style sheet, font and icon a page loads — PrimeFaces' included — has a
 * fingerprinted URL, is cacheable for a year, comes in brotli and gzip (the same bytes once decoded), answers 304 and
 * ranges, and fonts are fetchable cross-origin; the HTML is compressed too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AssetDeliveryIT {

    private static final Pattern LOADED = Pattern.compile("<(?:script|link)[^>]*?(?:src|href)=\"([^\"#]+)\"[^>]*>");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\"?(/[^\")#?]+)");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.portico();
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everythingTheLoginPageLoadsIsFingerprintedImmutableAndCarriesIntegrity() throws Exception {
        String html = text(get("/login.xhtml", "identity"));
        List<String> urls = loadedBy(html);
        assertTrue(urls.stream().anyMatch(url -> url.contains("/assets/faces/primefaces/components.")), urls::toString);
        assertTrue(urls.stream().anyMatch(url -> url.contains("/assets/faces/primefaces-saga-blue/theme.")),
                urls::toString);
        assertFalse(html.contains("jakarta.faces.resource"), "no resource left on Faces' own URLs");
        for (String url : urls) {
            HttpResponse<byte[]> response = get(url, "br, gzip");
            assertAll(url,
                    () -> assertTrue(url.matches("/assets/.+\\.[A-Za-z0-9_-]{12}\\.[a-z0-9]+"), url),
                    () -> assertEquals(200, response.statusCode()),
                    () -> assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control")),
                    () -> assertTrue(header(response, "ETag").startsWith("\""), header(response, "ETag")));
            if (url.endsWith(".js") || url.endsWith(".css")) {
                assertTrue(html.contains(url + "\" integrity=\"sha384-"), url + " without integrity");
            }
        }
    }

    @Test
    void scriptsAndStylesComeInBrotliAndGzipOfTheSameBytes() throws Exception {
        String components = loadedBy(text(get("/login.xhtml", "identity"))).stream()
                .filter(url -> url.contains("/primefaces/components.") && url.endsWith(".js")).findFirst().orElseThrow();
        HttpResponse<byte[]> identity = get(components, "identity");
        HttpResponse<byte[]> gzip = get(components, "gzip");
        HttpResponse<byte[]> brotli = get(components, "gzip, deflate, br");
        byte[] decodedGzip = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
        Brotli4jLoader.ensureAvailability();
        byte[] decodedBrotli = Decoder.decompress(brotli.body()).getDecompressedData();
        assertAll(
                () -> assertEquals("", header(identity, "Content-Encoding")),
                () -> assertEquals("gzip", header(gzip, "Content-Encoding")),
                () -> assertEquals("br", header(brotli, "Content-Encoding")),
                () -> assertEquals("Accept-Encoding", header(brotli, "Vary")),
                () -> assertTrue(brotli.body().length < gzip.body().length, "brotli is smaller"),
                () -> assertTrue(gzip.body().length * 3 < identity.body().length, "gzip saves two thirds"),
                () -> assertArrayEquals(identity.body(), decodedGzip),
                () -> assertArrayEquals(identity.body(), decodedBrotli),
                () -> assertFalse(header(gzip, "ETag").equals(header(brotli, "ETag")), "a tag per coding"));

        HttpResponse<byte[]> revalidated = send(HttpRequest.newBuilder(uri(components))
                .header("Accept-Encoding", "br").header("If-None-Match", header(brotli, "ETag")).build());
        HttpResponse<byte[]> range = send(HttpRequest.newBuilder(uri(components)).header("Range", "bytes=100-199")
                .build());
        HttpResponse<byte[]> beyond = send(HttpRequest.newBuilder(uri(components)).header("Range", "bytes=99999999-")
                .build());
        byte[] expected = java.util.Arrays.copyOfRange(identity.body(), 100, 200);
        assertAll(
                () -> assertEquals(304, revalidated.statusCode()),
                () -> assertEquals(0, revalidated.body().length),
                () -> assertEquals(206, range.statusCode()),
                () -> assertEquals("bytes 100-199/" + identity.body().length, header(range, "Content-Range")),
                () -> assertArrayEquals(expected, range.body()),
                () -> assertEquals(416, beyond.statusCode()));
    }

    @Test
    void theThemesFontsAreFingerprintedAndFetchableFromAnotherOrigin() throws Exception {
        String primeicons = loadedBy(text(get("/login.xhtml", "identity"))).stream()
                .filter(url -> url.contains("/primeicons/primeicons.") && url.endsWith(".css")).findFirst()
                .orElseThrow();
        String css = text(get(primeicons, "identity"));
        assertFalse(css.contains("#{resource"), "the style sheet's expressions are resolved");
        Matcher font = CSS_URL.matcher(css);
        List<String> fonts = new ArrayList<>();
        while (font.find()) {
            fonts.add(font.group(1));
        }
        assertTrue(fonts.stream().anyMatch(url -> url.endsWith(".woff2")), fonts::toString);
        for (String url : fonts) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri(url))
                    .header("Origin", "https://cdn-page.example").build());
            assertAll(url,
                    () -> assertEquals(200, response.statusCode()),
                    () -> assertEquals("*", header(response, "Access-Control-Allow-Origin")),
                    () -> assertEquals("public, max-age=31536000, immutable", header(response, "Cache-Control")));
        }
    }

    @Test
    void staleOrMadeUpNamesAre404sAndNothingElseOfTheClassPathIsServed() throws Exception {
        for (String path : List.of("/assets/faces/primefaces/core.AAAAAAAAAAAA.js",
                "/assets/faces/META-INF/MANIFEST.AAAAAAAAAAAA.MF",
                "/assets/faces/org/portico/web/i18n/messages.AAAAAAAAAAAA.properties",
                "/assets/faces/../WEB-INF/web.AAAAAAAAAAAA.xml", "/assets/faces/portico/css/portico.css")) {
            HttpResponse<byte[]> response = get(path, "identity");
            assertAll(path,
                    () -> assertEquals(404, response.statusCode()),
                    () -> assertEquals("no-store", header(response, "Cache-Control")));
        }
    }

    @Test
    void pagesAreCompressedAndTheFaviconIsReal() throws Exception {
        HttpResponse<byte[]> page = get("/login.xhtml", "gzip");
        String html = new String(new GZIPInputStream(new ByteArrayInputStream(page.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        HttpResponse<byte[]> favicon = get("/favicon.ico", "identity");
        String icon = header(favicon, "Location");
        assertAll(
                () -> assertEquals("gzip", header(page, "Content-Encoding")),
                () -> assertTrue(html.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"" + icon), html),
                () -> assertEquals(301, favicon.statusCode()),
                () -> assertTrue(header(get(icon, "identity"), "Content-Type").startsWith("image/svg+xml")));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<String> loadedBy(String html) {
        List<String> urls = new ArrayList<>();
        Matcher loaded = LOADED.matcher(html);
        while (loaded.find()) {
            if (loaded.group(1).startsWith("/assets/")) {
                urls.add(loaded.group(1));
            }
        }
        return urls;
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    /** GET with this {@code Accept-Encoding}, none for "identity" (as most non-browser clients send). */
    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (!acceptEncoding.equals("identity")) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}

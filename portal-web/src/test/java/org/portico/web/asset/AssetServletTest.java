package org.portico.web.asset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cdn.fingerprint.FingerprintedAssets;

/** The servlet's answer ladder, against hand-made request and response fakes (no container). */
class AssetServletTest {

    private static final String CSS = "body{font-family:sans-serif}";

    private static final String BIG_CSS = ".portico-card { padding: 1rem; color: #123456; }\n".repeat(100);

    private final FingerprintedAssets assets = new FingerprintedAssets(path -> Optional.ofNullable(Map.of(
            "css/portico.css", CSS.getBytes(UTF_8), "css/big.css", BIG_CSS.getBytes(UTF_8)).get(path)));
    private final AssetServlet servlet = new AssetServlet();
    private String cssName;

    @BeforeEach
    void setUp() throws Exception {
        ServletContext context = fake(ServletContext.class, (method, args) -> switch (method) {
            case "getMimeType" -> ((String) args[0]).endsWith(".css") ? "text/css" : null;
            case "getClassLoader" -> getClass().getClassLoader();
            case "getContextPath" -> "";
            default -> null;
        });
        WebApplication application = new WebApplication();
        application.start(context);
        FacesResourceAssets facesResources = new FacesResourceAssets();
        facesResources.application = application;
        facesResources.init();
        AssetCatalogue catalogue = new AssetCatalogue();
        catalogue.assets = assets;
        catalogue.facesResources = facesResources;
        catalogue.application = application;
        servlet.catalogue = catalogue;
        servlet.init(fake(ServletConfig.class, (method, args) -> switch (method) {
            case "getServletContext" -> context;
            case "getInitParameterNames" -> Collections.emptyEnumeration();
            default -> null;
        }));
        cssName = assets.get("css/portico.css").name().toString();
    }

    @Test
    void servesFingerprintedAssetCacheableForAYear() throws Exception {
        Response response = request("GET", "/" + cssName, List.of());
        assertAll(
                () -> assertEquals(200, response.status),
                () -> assertEquals("public, max-age=31536000, immutable", response.headers.get("Cache-Control")),
                () -> assertEquals("\"" + assets.get("css/portico.css").hash().value() + "\"",
                        response.headers.get("ETag")),
                () -> assertEquals("text/css;charset=UTF-8", response.contentType),
                () -> assertEquals("nosniff", response.headers.get("X-Content-Type-Options")),
                () -> assertEquals(CSS, response.body()));
    }

    @Test
    void headHasTheHeadersButNoBody() throws Exception {
        Response response = request("HEAD", "/" + cssName, List.of());
        assertAll(
                () -> assertEquals(200, response.status),
                () -> assertEquals(String.valueOf(CSS.length()), response.headers.get("Content-Length")),
                () -> assertEquals("", response.body()));
    }

    @Test
    void answers304WhenTheClientHasTheContent() throws Exception {
        String etag = assets.get("css/portico.css").hash().value();
        Response response = request("GET", "/" + cssName, List.of("\"other\", W/\"" + etag + "\""));
        assertAll(
                () -> assertEquals(304, response.status),
                () -> assertEquals("\"" + etag + "\"", response.headers.get("ETag")),
                () -> assertEquals("", response.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/css/portico.css", "/css/portico.AAAAAAAAAAAA.css", "/css/missing.AAAAAAAAAAAA.css",
            "/../WEB-INF/web.xml", "/", "", "/faces/primefaces/core.AAAAAAAAAAAA.js",
            "/faces/META-INF/MANIFEST.AAAAAAAAAAAA.MF", "/faces/org/portico/web/i18n/messages.AAAAAAAAAAAA.properties"})
    void unknownOrStaleNamesArePlain404s(String pathInfo) throws Exception {
        Response response = request("GET", pathInfo.isEmpty() ? null : pathInfo, List.of());
        assertAll(
                () -> assertEquals(404, response.status),
                () -> assertEquals("text/plain;charset=UTF-8", response.contentType),
                () -> assertEquals("Not found", response.body()),
                () -> assertEquals("no-store", response.headers.get("Cache-Control")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
    void onlyGetAndHeadAreAllowed(String method) throws Exception {
        Response response = request(method, "/" + cssName, List.of());
        assertAll(
                () -> assertEquals(405, response.status),
                () -> assertEquals("GET, HEAD", response.headers.get("Allow")),
                () -> assertFalse(response.body().contains(CSS)),
                () -> assertNull(response.headers.get("ETag")));
    }

    @Test
    void choosesTheClientsBestCodingWithATagOfItsOwn() throws Exception {
        String big = "/" + assets.get("css/big.css").name();
        String hash = assets.get("css/big.css").hash().value();
        Response brotli = request("GET", big, Map.of("Accept-Encoding", List.of("gzip, deflate, br")));
        Response gzip = request("GET", big, Map.of("Accept-Encoding", List.of("gzip")));
        Response identity = request("GET", big, Map.of());
        assertAll(
                () -> assertEquals("br", brotli.headers.get("Content-Encoding")),
                () -> assertEquals("\"" + hash + ".br\"", brotli.headers.get("ETag")),
                () -> assertEquals("gzip", gzip.headers.get("Content-Encoding")),
                () -> assertEquals("\"" + hash + ".gz\"", gzip.headers.get("ETag")),
                () -> assertEquals(gzip.bytes.size(), Integer.parseInt(gzip.headers.get("Content-Length"))),
                () -> assertNull(identity.headers.get("Content-Encoding")),
                () -> assertEquals(BIG_CSS, identity.body()),
                () -> assertEquals("Accept-Encoding", identity.headers.get("Vary")),
                () -> assertEquals("*", identity.headers.get("Access-Control-Allow-Origin")),
                () -> assertEquals("bytes", identity.headers.get("Accept-Ranges")));
    }

    @Test
    void everyAnswerCarriesTheWholeContent() throws Exception {
        // Answers share the representations' bytes: sending one must not use them up for the next.
        String big = "/" + assets.get("css/big.css").name();
        Response first = request("GET", big, Map.of());
        Response second = request("GET", big, Map.of());
        Response range = request("GET", big, Map.of("Range", List.of("bytes=0-9")));
        Response third = request("GET", big, Map.of());
        assertAll(
                () -> assertEquals(BIG_CSS, first.body()),
                () -> assertEquals(BIG_CSS, second.body()),
                () -> assertEquals(BIG_CSS.substring(0, 10), range.body()),
                () -> assertEquals(BIG_CSS, third.body()));
    }

    @Test
    void tinyContentIsSentAsIsWithoutVary() throws Exception {
        Response response = request("GET", "/" + cssName, Map.of("Accept-Encoding", List.of("br, gzip")));
        assertAll(
                () -> assertNull(response.headers.get("Content-Encoding")),
                () -> assertNull(response.headers.get("Vary")),
                () -> assertEquals(CSS, response.body()));
    }

    @Test
    void servesOneRange() throws Exception {
        Response response = request("GET", "/" + cssName, Map.of("Range", List.of("bytes=5-9")));
        assertAll(
                () -> assertEquals(206, response.status),
                () -> assertEquals("bytes 5-9/" + CSS.length(), response.headers.get("Content-Range")),
                () -> assertEquals("5", response.headers.get("Content-Length")),
                () -> assertEquals(CSS.substring(5, 10), response.body()));
    }

    @Test
    void aRangeBeyondTheEndIs416() throws Exception {
        Response response = request("GET", "/" + cssName, Map.of("Range", List.of("bytes=9999-")));
        assertAll(
                () -> assertEquals(416, response.status),
                () -> assertEquals("bytes */" + CSS.length(), response.headers.get("Content-Range")));
    }

    @Test
    void anIfRangeForOtherContentGetsEverything() throws Exception {
        String etag = "\"" + assets.get("css/portico.css").hash().value() + "\"";
        Response stale = request("GET", "/" + cssName, Map.of("Range", List.of("bytes=0-3"),
                "If-Range", List.of("\"something-else\"")));
        Response current = request("GET", "/" + cssName, Map.of("Range", List.of("bytes=0-3"),
                "If-Range", List.of(etag)));
        assertAll(
                () -> assertEquals(200, stale.status),
                () -> assertEquals(CSS, stale.body()),
                () -> assertEquals(206, current.status),
                () -> assertEquals(CSS.substring(0, 4), current.body()));
    }

    // ---- fakes ----------------------------------------------------------------------------------------------------

    private Response request(String method, String pathInfo, List<String> ifNoneMatch) throws Exception {
        return request(method, pathInfo, Map.of("If-None-Match", ifNoneMatch));
    }

    private Response request(String method, String pathInfo, Map<String, List<String>> headers) throws Exception {
        HttpServletRequest request = fake(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getMethod" -> method;
            case "getPathInfo" -> pathInfo;
            case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
            case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
            default -> null;
        });
        Response response = new Response();
        servlet.service(request, response.proxy());
        return response;
    }

    private static final class Response {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter writer;

        String body() {
            if (writer != null) {
                writer.flush();
            }
            return bytes.toString(UTF_8);
        }

        HttpServletResponse proxy() {
            return fake(HttpServletResponse.class, (name, args) -> {
                switch (name) {
                    case "setStatus" -> status = (Integer) args[0];
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "setContentType" -> contentType = (String) args[0];
                    case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                    case "setContentLengthLong" -> headers.put("Content-Length", String.valueOf(args[0]));
                    case "getOutputStream" -> {
                        return new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                bytes.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }
                        };
                    }
                    case "getWriter" -> {
                        writer = new PrintWriter(bytes, false, UTF_8);
                        return writer;
                    }
                    default -> {
                        return null;
                    }
                }
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "fake " + type.getSimpleName();
                    }
                    return answer.answer(method.getName(), args);
                }));
    }
}

package org.portico.deeplink.oauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.util.Resource;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWKS fetcher against a real HTTP server on 127.0.0.1. */
class JwksRetrieverTest {

    private static final HttpClient HTTP = JwksRetriever.httpClient();

    private static final String JWKS = "{\"keys\":[]}";

    private HttpServer server;
    private final AtomicInteger internalFetches = new AtomicInteger();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = JWKS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/internal");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/internal", exchange -> {
            internalFetches.incrementAndGet();
            byte[] body = JWKS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            for (int i = 0; i < 20; i++) {
                exchange.getResponseBody().write(chunk);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anInternalHostIsFetchedOnlyWhenTheAppAllowsIt() throws Exception {
        URL url = new URL(base + "/jwks.json");

        IOException refused = assertThrows(IOException.class, () -> JwksRetriever.of(false, HTTP).retrieveResource(url));
        Resource allowed = JwksRetriever.of(true, HTTP).retrieveResource(url);

        assertAll(
                () -> assertEquals("JWKS host 127.0.0.1 resolves to the internal address 127.0.0.1, and the app does"
                        + " not allow an internal JWKS host", refused.getMessage()),
                () -> assertEquals(JWKS, allowed.getContent()),
                () -> assertEquals("application/json", allowed.getContentType()));
    }

    /** A public name that later resolves to an internal address (DNS rebinding) is refused when the keys are fetched. */
    @Test
    void theHostIsResolvedAndCheckedAtEveryFetch() throws Exception {
        InetAddress publicOne = InetAddress.getByName("93.184.215.14");
        InetAddress[][] answers = {{publicOne}};
        JwksRetriever retriever = new JwksRetriever(false, Duration.ofSeconds(2), 1024, host -> answers[0], HTTP);
        answers[0] = new InetAddress[] {publicOne, InetAddress.getByName("10.0.0.7")};

        IOException refused = assertThrows(IOException.class,
                () -> retriever.retrieveResource(new URL("https://keys.example/jwks.json")));

        assertTrue(refused.getMessage().contains("internal address 10.0.0.7"), refused.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        IOException refused = assertThrows(IOException.class,
                () -> JwksRetriever.of(true, HTTP).retrieveResource(new URL(base + "/moved")));

        assertAll(
                () -> assertEquals("JWKS URL " + base + "/moved answered 302 (redirects are not followed)", refused.getMessage()),
                () -> assertEquals(0, internalFetches.get(), "the redirect's target was never asked"));
    }

    @Test
    void aJwksLargerThanTheLimitIsRefused() {
        JwksRetriever retriever = new JwksRetriever(true, Duration.ofSeconds(2), 64 * 1024, InternalAddresses.HostResolver.SYSTEM, HTTP);

        IOException refused = assertThrows(IOException.class, () -> retriever.retrieveResource(new URL(base + "/huge")));

        assertTrue(refused.getMessage().contains("larger than 65536 bytes"), refused.getMessage());
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThrows(IOException.class, () -> JwksRetriever.of(true, HTTP).retrieveResource(new URL("file:///etc/passwd")));
    }
}

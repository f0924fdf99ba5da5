package org.portico.web.proxy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.web.language.Languages;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyHeadersTest {

    private static final String UPSTREAM = "http://127.0.0.1:8080/demo-app/proxied";
    private static final String PREFIX = "https://demo-app.apps.example/apps/demo-app/";

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8080/demo-app/proxied/second,      https://demo-app.apps.example/apps/demo-app/second",
            "http://127.0.0.1:8080/demo-app/proxied,             https://demo-app.apps.example/apps/demo-app/",
            "http://127.0.0.1:8080/demo-app/proxied?x=1,         https://demo-app.apps.example/apps/demo-app/?x=1",
            "/demo-app/proxied/a/b?c=d,                          https://demo-app.apps.example/apps/demo-app/a/b?c=d",
            "second,                                             second",
            "../up,                                              ../up",
            "/demo-app/proxiedx,                                 /demo-app/proxiedx",
            "http://127.0.0.1:8080/demo-app/other,               http://127.0.0.1:8080/demo-app/other",
            "https://login.example/?back=x,                      https://login.example/?back=x",
            "//evil.example/demo-app/proxied/x,                  //evil.example/demo-app/proxied/x"})
    void aLocationUnderTheUpstreamMovesUnderTheAppsPrefixAndAnythingElseStays(String location, String expected) {
        assertEquals(expected, ProxyHeaders.location(location, UPSTREAM, PREFIX));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=1; Path=/demo-app/proxied; HttpOnly                   | a=1; HttpOnly; Path=/apps/demo-app/",
            "a=1; Path=/demo-app/proxied/cart; Domain=127.0.0.1      | a=1; Path=/apps/demo-app/cart",
            "a=1; Domain=.example; Secure; SameSite=Lax              | a=1; Secure; SameSite=Lax; Path=/apps/demo-app/",
            "a=1; Path=/                                             | a=1; Path=/apps/demo-app/",
            "a=1; path=/elsewhere; Max-Age=60                        | a=1; Max-Age=60; Path=/apps/demo-app/",
            "JSESSIONID=x; Path=/demo-app                            | JSESSIONID=x; Path=/apps/demo-app/"})
    void anAppsCookieIsScopedToItsPrefixOnTheProxyOrigin(String setCookie, String expected) {
        assertEquals(Optional.of(expected), ProxyHeaders.setCookie(setCookie, UPSTREAM, "/apps/demo-app/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"portico-proxy=forged; Path=/", "PORTICO_SESSION=x; Path=/", "PORTICO_LANG=de",
            "__Host-id=1; Path=/; Secure", "=nameless"})
    void anAppCannotSetPorticosCookies(String setCookie) {
        assertEquals(Optional.empty(), ProxyHeaders.setCookie(setCookie, UPSTREAM, "/apps/demo-app/"));
    }

    @Test
    void theAppReceivesItsOwnCookiesButNoneOfPorticos() {
        assertAll(
                () -> assertEquals(Optional.of("a=1; JSESSIONID=app"), ProxyHeaders.appCookies(
                        "portico-proxy=s; a=1; PORTICO_SESSION=p; JSESSIONID=app; " + Languages.COOKIE + "=de")),
                () -> assertEquals(Optional.empty(), ProxyHeaders.appCookies("portico-proxy=s")),
                () -> assertEquals(Optional.empty(), ProxyHeaders.appCookies(null)),
                () -> assertEquals(Optional.of("s"), ProxyHeaders.proxyCookie("a=1; portico-proxy=s; b=2")),
                () -> assertEquals(Optional.empty(), ProxyHeaders.proxyCookie("portico-proxyx=s; portico-proxy=")));
    }

    @Test
    void credentialsHopByHopAndForgedForwardingHeadersStayBehind() {
        for (String name : new String[] {"Authorization", "Proxy-Authorization", "Connection", "Keep-Alive", "TE",
                "Trailer", "Transfer-Encoding", "Upgrade", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
                "X-Forwarded-Proto"}) {
            assertTrue(ProxyHeaders.dropRequestHeader(name, false), name);
        }
        assertAll(
                () -> assertFalse(ProxyHeaders.dropRequestHeader("Accept", false)),
                () -> assertFalse(ProxyHeaders.dropRequestHeader("Cookie", false)),
                () -> assertFalse(ProxyHeaders.dropRequestHeader("Upgrade", true), "a WebSocket upgrade keeps it"),
                () -> assertFalse(ProxyHeaders.dropRequestHeader("Connection", true)),
                () -> assertTrue(ProxyHeaders.dropRequestHeader("Authorization", true)),
                () -> assertTrue(ProxyHeaders.isWebSocketUpgrade("websocket", "keep-alive, Upgrade")),
                () -> assertFalse(ProxyHeaders.isWebSocketUpgrade("h2c", "Upgrade")),
                () -> assertTrue(ProxyHeaders.dropResponseHeader("Upgrade", 200)),
                () -> assertFalse(ProxyHeaders.dropResponseHeader("Upgrade", 101)),
                () -> assertTrue(ProxyHeaders.dropResponseHeader("Proxy-Authenticate", 401)),
                () -> assertFalse(ProxyHeaders.dropResponseHeader("Content-Length", 200)));
    }

    @Test
    void forwardedNamesTheClientTheHostAndTheScheme() {
        assertAll(
                () -> assertEquals("for=192.0.2.60;host=apps.example;proto=https",
                        ProxyHeaders.forwarded("192.0.2.60", "apps.example", "https")),
                () -> assertEquals("for=\"[2001:db8::1]\";host=\"a.example:8443\";proto=http",
                        ProxyHeaders.forwarded("2001:db8::1", "a.example:8443", "http")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apps/a/../x", "/apps/a/./x", "/apps/a/%2e%2e/x", "/apps/a/%2E/x", "/apps/a/x%2fy",
            "/apps/a/x%5cy", "/apps/a/x\\y", "/apps/a/.."})
    void pathsThatCouldLeaveTheUpstreamAreNotPassedOn(String path) {
        assertFalse(ProxyHeaders.safePath(path));
    }

    @Test
    void ordinaryPathsPass() {
        assertAll(
                () -> assertTrue(ProxyHeaders.safePath("/apps/a/")),
                () -> assertTrue(ProxyHeaders.safePath("/apps/a/x.y/z..txt/%20")));
    }

    @Test
    void theSessionCookieIsHttpOnlyOnTheAppsPathAndPartitionedWhereItCanBeSecure() {
        assertAll(
                () -> assertEquals("portico-proxy=v; Path=/apps/a/; Max-Age=28800; HttpOnly; Secure; SameSite=None;"
                                + " Partitioned",
                        ProxyHeaders.sessionCookie("v", "/apps/a/", Duration.ofHours(8), "https", "a.apps.example")),
                () -> assertEquals("portico-proxy=v; Path=/apps/a/; Max-Age=60; HttpOnly; Secure; SameSite=None;"
                                + " Partitioned",
                        ProxyHeaders.sessionCookie("v", "/apps/a/", Duration.ofMinutes(1), "http", "a.localhost")),
                () -> assertEquals("portico-proxy=v; Path=/apps/a/; Max-Age=60; HttpOnly; SameSite=Lax",
                        ProxyHeaders.sessionCookie("v", "/apps/a/", Duration.ofMinutes(1), "http", "a.apps.example")));
    }
}

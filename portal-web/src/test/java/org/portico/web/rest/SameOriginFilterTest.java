package org.portico.web.rest;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SameOriginFilterTest {

    @Test
    void anOriginIsSchemeHostAndPortInLowerCaseWithoutTheDefaultPort() {
        assertAll(
                () -> assertEquals(Optional.of("https://portal.example.org"), SameOriginFilter.origin("https://portal.example.org")),
                () -> assertEquals(Optional.of("https://portal.example.org"), SameOriginFilter.origin("HTTPS://Portal.Example.ORG:443/")),
                () -> assertEquals(Optional.of("http://localhost:8080"), SameOriginFilter.origin("http://localhost:8080/portal")),
                () -> assertEquals(Optional.of("http://127.0.0.1"), SameOriginFilter.origin("http://127.0.0.1:80")),
                () -> assertEquals(Optional.of("https://portal.example.org:80"), SameOriginFilter.origin("https://portal.example.org:80")));
    }

    @Test
    void whatIsNoOriginMatchesNothing() {
        assertAll(
                () -> assertEquals(Optional.empty(), SameOriginFilter.origin("null")),
                () -> assertEquals(Optional.empty(), SameOriginFilter.origin("")),
                () -> assertEquals(Optional.empty(), SameOriginFilter.origin("https://user@portal.example.org")),
                () -> assertEquals(Optional.empty(), SameOriginFilter.origin("https://portal example")),
                () -> assertEquals(Optional.empty(), SameOriginFilter.origin("portal.example.org")));
    }
}

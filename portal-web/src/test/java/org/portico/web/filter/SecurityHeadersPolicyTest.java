package org.portico.web.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SecurityHeadersPolicyTest {

    @Test
    void ownOriginOnlyByDefault() {
        assertEquals(SecurityHeadersFilter.CONTENT_SECURITY_POLICY,
                SecurityHeadersFilter.policy(Optional.empty(), Optional.empty()));
    }

    @Test
    void aCdnMayServeScriptsStylesFontsAndImages() {
        String policy = SecurityHeadersFilter.policy(Optional.of("https://id.example"),
                Optional.of("https://cdn.example"));
        assertEquals("default-src 'self'; script-src 'self' https://cdn.example 'unsafe-inline';"
                + " img-src 'self' https://cdn.example data:; style-src 'self' https://cdn.example 'unsafe-inline';"
                + " font-src 'self' https://cdn.example data:; object-src 'none'; base-uri 'self';"
                + " form-action 'self' https://id.example; frame-ancestors 'self'", policy);
    }
}

package org.portico.web.security.oidc;

import org.junit.jupiter.api.Test;
import org.portico.web.settings.PorticoIssuer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The provider sends the browser back to Portico's configured public URL, whatever Host the request named. */
class ReturnUrlsTest {

    @Test
    void bothReturnAddressesAreOnPorticosConfiguredUrl() {
        PorticoIssuer portico = new PorticoIssuer("https://portal.example.org");
        assertAll(
                () -> assertEquals("https://portal.example.org/login/oidc/callback", ReturnUrls.callback(portico).toString()),
                () -> assertEquals("https://portal.example.org/login.xhtml?loggedOut=true", ReturnUrls.loggedOut(portico).toString()));
    }

    @Test
    void aPublicUrlWithAPathKeepsIt() {
        PorticoIssuer portico = new PorticoIssuer("https://example.org/portal");
        assertEquals("https://example.org/portal/login/oidc/callback", ReturnUrls.callback(portico).toString());
    }
}

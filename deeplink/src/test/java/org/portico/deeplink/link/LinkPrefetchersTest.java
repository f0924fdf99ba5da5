package org.portico.deeplink.link;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkPrefetchersTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
            "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
            "Microsoft Office Protocol Discovery",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b",
            "Mozilla/5.0 (compatible; Proofpoint URL Defense)",
            "Mimecast-Link-Scanner/2.0",
            "Barracuda Sentinel (EE)",
            "Mozilla/5.0 (compatible; Symantec Email Security.cloud)",
            "Broadcom-Isolation/1.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
            "WhatsApp/2.23.20.0",
            "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "TelegramBot (like TwitterBot)",
            "Mozilla/5.0 (compatible; SomeCompanyCrawler/3.1)",
            "AcmeLinkPreview preview/1.0",
            "Generic Spider 2",
            "url scanner",
            "",
            "   ",
    })
    void machinesThatOpenLinksAheadOfPeopleAreRecognised(String userAgent) {
        assertTrue(LinkPrefetchers.isPrefetcher(userAgent), userAgent);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 10; CUBOT P40) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Java-http-client/17.0.12",
    })
    void peoplesBrowsersAreNot(String userAgent) {
        assertFalse(LinkPrefetchers.isPrefetcher(userAgent), userAgent);
    }

    @Test
    void everyListedMarkerIsRecognisedInAnyCase() {
        for (LinkPrefetchers.Marker marker : LinkPrefetchers.KNOWN) {
            assertAll(marker.sender(),
                    () -> assertTrue(LinkPrefetchers.isPrefetcher("Mozilla/5.0 " + marker.text().toUpperCase() + "/1.0")),
                    () -> assertFalse(marker.sender().isBlank()));
        }
    }

    @Test
    void browsersThatSayTheyArePrefetchingAreTreatedAsPrefetchers() {
        String chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
        assertAll(
                () -> assertTrue(LinkPrefetchers.isPrefetch(chrome, "prefetch;prerender", null)),
                () -> assertTrue(LinkPrefetchers.isPrefetch(chrome, null, "preview")),
                () -> assertTrue(LinkPrefetchers.isPrefetch(chrome, null, "prefetch")),
                () -> assertFalse(LinkPrefetchers.isPrefetch(chrome, null, null)));
    }
}

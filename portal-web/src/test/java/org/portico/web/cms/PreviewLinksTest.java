package org.portico.web.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.portico.cms.spi.ContentKind;

class PreviewLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final PreviewLinks.Key KEY = new PreviewLinks.Key(filled(32, (byte) 7));

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static PreviewLinks at(Instant now, PreviewLinks.Key key) {
        return new PreviewLinks(key, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aLinkShowsTheVersionItNamesUntilItExpires() {
        String token = at(NOW, KEY).token(ContentKind.PAGE, "opening-hours", Locale.GERMAN, 3, Duration.ofDays(7));
        Optional<PreviewLinks.Target> fresh = at(NOW.plus(Duration.ofDays(7)).minusSeconds(1), KEY).verify(token);
        Optional<PreviewLinks.Target> expired = at(NOW.plus(Duration.ofDays(7)), KEY).verify(token);

        assertTrue(PreviewLinks.TOKEN.matcher(token).matches(), token);
        assertEquals(Optional.of(new PreviewLinks.Target(ContentKind.PAGE, "opening-hours", Locale.GERMAN, 3,
                NOW.plus(Duration.ofDays(7)))), fresh);
        assertEquals(Optional.empty(), expired);
    }

    @Test
    void aTamperedOrForeignLinkShowsNothing() {
        PreviewLinks links = at(NOW, KEY);
        String token = links.token(ContentKind.PAGE, "about", Locale.ENGLISH, 1, Duration.ofDays(1));
        String otherVersion = links.token(ContentKind.PAGE, "about", Locale.ENGLISH, 2, Duration.ofDays(1));
        String spliced = token.substring(0, token.indexOf('.')) + otherVersion.substring(otherVersion.indexOf('.'));
        String flipped = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        assertEquals(Optional.empty(), links.verify(spliced), "the signature of another link");
        assertEquals(Optional.empty(), links.verify(flipped), "a changed payload");
        assertEquals(Optional.empty(), at(NOW, new PreviewLinks.Key(filled(32, (byte) 8))).verify(token), "another key");
        assertEquals(Optional.empty(), links.verify("not-a-token"));
        assertEquals(Optional.empty(), links.verify(null));
        assertEquals(Optional.empty(), links.verify(token + "x"));
    }

    @Test
    void aLinkLivesAtMostThirtyDays() {
        PreviewLinks links = at(NOW, KEY);
        assertThrows(IllegalArgumentException.class,
                () -> links.token(ContentKind.PAGE, "about", Locale.ENGLISH, 1, Duration.ofDays(31)));
        assertThrows(IllegalArgumentException.class,
                () -> links.token(ContentKind.PAGE, "about", Locale.ENGLISH, 1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PreviewLinks.Key(new byte[16]));
    }
}

package org.portico.web.cms.source;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.spi.ConnectionCheck;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.cms.spi.RemoteContentSource;
import org.portico.cms.webhook.WebhookVerifier;
import org.portico.cms.wordpress.WordPressWebhookParser;
import org.portico.web.cms.CmsContentChanged;

class CmsSourcesTest {

    private static final String ID = "team-blog";
    private static final CmsSource BLOG = blog(Duration.ofSeconds(5), Duration.ofSeconds(2), true, 1);

    private final AtomicLong nanos = new AtomicLong();
    private final FakeWordPress wordPress = new FakeWordPress();
    private final StoredSources stored = new StoredSources();
    private final CmsSources sources = new CmsSources();

    @BeforeEach
    void atWork() {
        sources.sources = stored;
        sources.sanitizer = HtmlSanitizer.editorial();
        sources.clock = Clock.systemUTC();
        sources.ticker = nanos::get;
        sources.init(); // no managed executor outside the server: background reloads run in the reader's thread
    }

    /** The source as stored in its {@code lockVersion}th version, saved that many minutes after 8:00. */
    private static CmsSource blog(Duration freshFor, Duration timeout, boolean enabled, long lockVersion) {
        return new CmsSource(ID, CmsSourceType.WORDPRESS, "The team's blog", "https://blog.example.org/", Map.of(),
                false, timeout, freshFor, enabled, Instant.parse("2026-12-07T08:00:00Z").plusSeconds(60 * lockVersion),
                "ada", lockVersion);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private Optional<String> about() {
        return sources.content(ID).orElseThrow().find(ContentKind.PAGE, "about", Locale.ROOT).map(ContentItem::bodyHtml);
    }

    /**
     * Regression: a source's settings are read again every {@link CmsSources#REBUILT_AFTER} (changes made on another
     * node), and each time its connector and its cache were built anew, the last good content in it gone. A source
     * down for longer than a minute left its pages without their content (a 200 without it), and a hanging one made
     * every page view wait for its timeout, twice. Found by the CMS page benchmark ({@code src/bench/cms-page}).
     */
    @Test
    void aSourceDownForLongerThanTheReReadingStillShowsItsLastGoodContent() {
        assertEquals(Optional.of("<p>Open Mondays.</p>"), about());
        wordPress.down = true;

        advance(CmsSources.REBUILT_AFTER.plusSeconds(1));
        Optional<String> afterTheReReading = about();
        advance(CmsSources.REBUILT_AFTER.multipliedBy(10));

        assertAll(
                () -> assertEquals(Optional.of("<p>Open Mondays.</p>"), afterTheReReading),
                () -> assertEquals(Optional.of("<p>Open Mondays.</p>"), about(), "ten minutes later"),
                () -> assertEquals(1, stored.connectorsMade.get(), "built once: the settings did not change"));
    }

    @Test
    void aSourceWhoseSettingsChangedOnAnotherNodeIsBuiltAnew() {
        RemoteContentSource first = sources.active(ID).orElseThrow().connector().source();
        stored.settings = blog(BLOG.freshFor(), Duration.ofSeconds(5), true, 2);

        advance(CmsSources.REBUILT_AFTER.minusSeconds(1));
        CmsSource beforeTheReReading = sources.active(ID).orElseThrow().settings();
        advance(Duration.ofSeconds(2));
        sources.active(ID); // the first use after the time reads the settings again (in the background; here at once)

        assertAll(
                () -> assertSame(BLOG, beforeTheReReading),
                () -> assertEquals(Duration.ofSeconds(5), sources.active(ID).orElseThrow().settings().timeout()),
                () -> assertEquals(2, stored.connectorsMade.get()),
                () -> assertNotSame(first, sources.active(ID).orElseThrow().connector().source()));
    }

    @Test
    void aSourceDisabledOnAnotherNodeIsGoneAfterTheReReading() {
        about();
        stored.settings = blog(BLOG.freshFor(), BLOG.timeout(), false, 2);

        advance(CmsSources.REBUILT_AFTER.plusSeconds(1));
        sources.content(ID); // the first use after the time reads the settings again (in the background; here at once)

        assertEquals(Optional.empty(), sources.content(ID));
    }

    /** A webhook's change reaches the source's cache kept at work, while its settings wait to be read again. */
    @Test
    void aWebhookForgetsTheItemAlsoBetweenTheReReadingsExpiryAndTheNextUse() {
        stored.settings = blog(Duration.ofHours(1), BLOG.timeout(), true, 1);
        about();
        wordPress.body = "<p>Open Mondays and Tuesdays.</p>";
        advance(CmsSources.REBUILT_AFTER.plusSeconds(1));

        sources.forget(new CmsContentChanged(ID, ContentKind.PAGE, "about", null));

        assertEquals(Optional.of("<p>Open Mondays and Tuesdays.</p>"), about());
    }

    /** The stored source, read again as the database would answer. */
    private final class StoredSources extends CmsSourceService {

        volatile CmsSource settings = BLOG;
        final AtomicInteger connectorsMade = new AtomicInteger();

        @Override
        public Optional<CmsSource> find(String id) {
            return Optional.of(settings).filter(source -> source.id().equals(id));
        }

        @Override
        Optional<CmsSourceConnector> connector(String id) {
            return find(id).filter(CmsSource::enabled).map(source -> {
                connectorsMade.incrementAndGet();
                return new CmsSourceConnector(new FakeWordPress.Copy(wordPress),
                        WebhookVerifier.hmac("a-webhook-secret-for-tests", WebhookVerifier.DEFAULT_TOLERANCE,
                                Clock.systemUTC()), new WordPressWebhookParser(id));
            });
        }
    }

    /** A WordPress with one page, that can be taken down. */
    private static final class FakeWordPress {

        volatile boolean down;
        volatile String body = "<p>Open Mondays.</p>";

        /** A connector's own adapter in front of the one site (each build makes a new one). */
        record Copy(FakeWordPress site) implements RemoteContentSource {

            @Override
            public Optional<ContentItem> find(ContentKind kind, String key, Locale locale) {
                if (site.down) {
                    throw new ContentUnavailableException("connection refused at https://blog.example.org/", null);
                }
                return Optional.of(new ContentItem(kind, key, locale, "About", site.body,
                        Instant.parse("2026-12-01T00:00:00Z")));
            }

            @Override
            public boolean canFindDrafts() {
                return false;
            }

            @Override
            public Optional<ContentItem> findDraft(ContentKind kind, String key, Locale locale) {
                throw new IllegalStateException("no drafts");
            }

            @Override
            public ConnectionCheck check() {
                return ConnectionCheck.reached("a fake WordPress", Duration.ZERO);
            }
        }
    }
}

package org.portico.cms.cache;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;

class CachingContentSourceTest {

    private static final Duration FRESH = Duration.ofMinutes(1);
    private static final Duration STALE_WHILE_REVALIDATE = Duration.ofMinutes(10);
    private static final Duration STALE_IF_ERROR = Duration.ofHours(24);

    private final FakeTicker ticker = new FakeTicker();
    private final FakeContentSource cms = new FakeContentSource();
    private final CachingContentSource cache = CachingContentSource.builder(cms)
            .freshFor(FRESH)
            .staleWhileRevalidate(STALE_WHILE_REVALIDATE)
            .staleIfError(STALE_IF_ERROR)
            .fallbackLocale(Locale.ENGLISH)
            .ticker(ticker)
            .executor(Runnable::run) // background reloads run at once, so tests need no waiting
            .build();

    private Optional<String> welcome(Locale locale) {
        return cache.findBlock("welcome", locale).map(ContentItem::bodyHtml);
    }

    /** A cache whose background reloads wait in {@code background} until {@link #runAll} runs them. */
    private CachingContentSource reloadingIn(Queue<Runnable> background) {
        return CachingContentSource.builder(cms).freshFor(FRESH).staleWhileRevalidate(STALE_WHILE_REVALIDATE)
                .ticker(ticker).executor(background::add).build();
    }

    private static void runAll(Queue<Runnable> background) {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    @Test
    void freshAnswerIsServedFromMemory() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.publish("welcome", Locale.ENGLISH, "<p>v2</p>");
        ticker.advance(FRESH.minusSeconds(1));
        assertAll(
                () -> assertEquals(Optional.of("<p>v1</p>"), welcome(Locale.ENGLISH)),
                () -> assertEquals(List.of("welcome|en"), cms.asked));
    }

    /** The operator's hit ratio: the second read of a fresh answer is a hit, the first a miss. */
    @Test
    void statisticsCountHitsAndMissesOfTheAnswers() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        welcome(Locale.ENGLISH);
        assertAll(
                () -> assertEquals(1, cache.stats().missCount()),
                () -> assertEquals(1, cache.stats().hitCount()),
                () -> assertEquals(1, cache.size()));
    }

    @Test
    void staleAnswerIsServedWhileItIsReloadedInTheBackground() {
        Queue<Runnable> background = new ConcurrentLinkedQueue<>();
        CachingContentSource swr = reloadingIn(background);
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        swr.findBlock("welcome", Locale.ENGLISH);
        cms.publish("welcome", Locale.ENGLISH, "<p>v2</p>");
        ticker.advance(FRESH.plusSeconds(1));

        assertEquals(Optional.of("<p>v1</p>"), swr.findBlock("welcome", Locale.ENGLISH).map(ContentItem::bodyHtml),
                "the reader does not wait for the CMS");
        assertEquals(List.of("welcome|en"), cms.asked, "the reload has not run yet");
        runAll(background);
        assertEquals(Optional.of("<p>v2</p>"), swr.findBlock("welcome", Locale.ENGLISH).map(ContentItem::bodyHtml),
                "the reload has landed");
    }

    @Test
    void staleAnswerStaysWhenTheBackgroundReloadFails() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(FRESH.plusSeconds(1));
        welcome(Locale.ENGLISH);
        assertAll(
                () -> assertEquals(Optional.of("<p>v1</p>"), welcome(Locale.ENGLISH)),
                () -> assertTrue(cms.asked.size() >= 2, "a reload was tried"));
    }

    /**
     * Regression: after a failed background reload, the next read started another one, so a source that refused
     * connections was asked again, and Caffeine logged a warning with a stack trace, as often as its content was read,
     * until it came back. Found by the CMS page benchmark (src/bench/cms-page, WordPress stopped: 3 to 4 a second on a
     * busy 2-core machine whose server answered far fewer than the 200 views a second asked).
     */
    @Test
    void aSourceThatIsDownIsAskedAgainAfterFreshForNotAtEveryRead() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(FRESH.plusSeconds(1));
        for (int i = 0; i < 5; i++) {
            welcome(Locale.ENGLISH);
        }
        int askedWithinFreshFor = cms.asked.size();
        ticker.advance(FRESH.plusSeconds(1));
        Optional<String> after = welcome(Locale.ENGLISH);
        assertAll(
                () -> assertEquals(2, askedWithinFreshFor, "loaded once, reloaded once"),
                () -> assertEquals(3, cms.asked.size(), "reloaded again once fresh-for had passed"),
                () -> assertEquals(Optional.of("<p>v1</p>"), after));
    }

    /**
     * Regression: once a source had been down for longer than fresh-for and stale-while-revalidate (10 minutes by
     * default), every reader loaded the answer again in its own thread: a hanging source made page views wait for its
     * timeout (one load at a time per item, each failure not cached).
     */
    @Test
    void aSourceDownForLongerThanStaleWhileRevalidateIsNeverWaitedForByAReader() {
        Queue<Runnable> background = new ConcurrentLinkedQueue<>();
        CachingContentSource swr = reloadingIn(background);
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        swr.findBlock("welcome", Locale.ENGLISH);
        cms.down = true;
        int readersAsked = 0;
        for (Duration down = Duration.ZERO; down.compareTo(STALE_WHILE_REVALIDATE.multipliedBy(3)) < 0;
                down = down.plus(FRESH.plusSeconds(1))) {
            ticker.advance(FRESH.plusSeconds(1));
            int before = cms.asked.size();
            assertEquals(Optional.of("<p>v1</p>"), swr.findBlock("welcome", Locale.ENGLISH).map(ContentItem::bodyHtml));
            readersAsked += cms.asked.size() - before;
            runAll(background);
        }
        assertEquals(0, readersAsked, "the source is asked in the background only");
    }

    @Test
    void lastGoodAnswerIsServedWhenTheSourceIsDownAfterExpiry() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(FRESH.plus(STALE_WHILE_REVALIDATE).plusHours(3));
        assertEquals(Optional.of("<p>v1</p>"), welcome(Locale.ENGLISH));
    }

    @Test
    void lastGoodAnswerHasALimit() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(STALE_IF_ERROR.plusSeconds(1));
        assertThrows(ContentUnavailableException.class, () -> welcome(Locale.ENGLISH));
    }

    @Test
    void unavailableWithoutAnyLastGoodAnswerReachesTheCaller() {
        cms.down = true;
        assertThrows(ContentUnavailableException.class, () -> welcome(Locale.ENGLISH));
    }

    @Test
    void notFoundIsCachedToo() {
        assertEquals(Optional.empty(), welcome(Locale.ENGLISH));
        int questions = cms.asked.size();
        assertAll(
                () -> assertEquals(Optional.empty(), welcome(Locale.ENGLISH)),
                () -> assertEquals(questions, cms.asked.size()),
                () -> assertEquals(List.of("welcome|en", "welcome|und"), cms.asked));
    }

    @Test
    void deletedContentDoesNotComeBackDuringAnOutage() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.delete("welcome", Locale.ENGLISH);
        ticker.advance(FRESH.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));
        assertEquals(Optional.empty(), welcome(Locale.ENGLISH));
        cms.down = true;
        ticker.advance(FRESH.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));
        assertEquals(Optional.empty(), welcome(Locale.ENGLISH));
    }

    @Test
    void recoversWhenTheSourceComesBack() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(FRESH.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));
        assertEquals(Optional.of("<p>v1</p>"), welcome(Locale.ENGLISH));
        cms.publish("welcome", Locale.ENGLISH, "<p>v2</p>");
        cms.down = false;
        ticker.advance(FRESH.plusSeconds(1));
        welcome(Locale.ENGLISH); // the stale answer, while its reload runs (at once here)
        assertEquals(Optional.of("<p>v2</p>"), welcome(Locale.ENGLISH));
    }

    @Test
    void cachedAnswersFromMemoryOnlyNeverAskingTheSource() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        Optional<CachedContent> before = cache.cached(ContentKind.BLOCK, "welcome", Locale.ENGLISH);
        welcome(Locale.ENGLISH);
        int asked = cms.asked.size();
        Optional<CachedContent> after = cache.cached(ContentKind.BLOCK, "welcome", Locale.ENGLISH);
        assertAll(
                () -> assertEquals(Optional.empty(), before, "nothing looked up yet: nothing, and the source not asked"),
                () -> assertEquals(List.of("welcome|en"), cms.asked),
                () -> assertEquals("<p>v1</p>", after.orElseThrow().item().bodyHtml()),
                () -> assertEquals(asked, cms.asked.size()));
    }

    @Test
    void whileTheSourceIsDownReadersWaitForItAtMostOncePerAnswer() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        cms.down = true;
        ticker.advance(FRESH.plus(STALE_WHILE_REVALIDATE).plusSeconds(1));
        welcome(Locale.ENGLISH); // expired: loaded in the reader's thread, which fails: the last good answer
        int asked = cms.asked.size();
        for (int i = 0; i < 5; i++) {
            ticker.advance(FRESH.dividedBy(10));
            welcome(Locale.ENGLISH);
        }
        int askedWithinFreshFor = cms.asked.size();
        ticker.advance(FRESH);
        welcome(Locale.ENGLISH);
        assertAll(
                () -> assertEquals(asked, askedWithinFreshFor, "the last good answer is served from memory"),
                () -> assertTrue(cms.asked.size() > asked, "after freshFor, a background reload tries again"),
                () -> assertEquals(Optional.of("<p>v1</p>"), welcome(Locale.ENGLISH)));
    }

    @Test
    void lookupTellsWhenTheContentWasFetchedAndWhetherTheSourceFailedSince() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        Clock clock = new TickerClock(ticker, start);
        CachingContentSource told = CachingContentSource.builder(cms).freshFor(FRESH)
                .staleWhileRevalidate(STALE_WHILE_REVALIDATE).ticker(ticker).clock(clock).executor(Runnable::run)
                .build();
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        CachedContent fetched = told.lookup(ContentKind.BLOCK, "welcome", Locale.ENGLISH).orElseThrow();
        cms.down = true;
        ticker.advance(FRESH.plusSeconds(1));
        told.lookup(ContentKind.BLOCK, "welcome", Locale.ENGLISH); // stale: its reload fails
        CachedContent whileDown = told.lookup(ContentKind.BLOCK, "welcome", Locale.ENGLISH).orElseThrow();
        cms.down = false;
        ticker.advance(FRESH.plusSeconds(1));
        told.lookup(ContentKind.BLOCK, "welcome", Locale.ENGLISH);
        CachedContent back = told.lookup(ContentKind.BLOCK, "welcome", Locale.ENGLISH).orElseThrow();
        assertAll(
                () -> assertEquals(start, fetched.fetchedAt()),
                () -> assertFalse(fetched.fromLastGood()),
                () -> assertEquals(start, whileDown.fetchedAt(), "still the first fetch"),
                () -> assertEquals(Optional.of(start.plus(FRESH).plusSeconds(1)), whileDown.lastFailure()),
                () -> assertTrue(whileDown.fromLastGood()),
                () -> assertEquals(start.plus(FRESH.multipliedBy(2)).plusSeconds(2), back.fetchedAt()),
                () -> assertFalse(back.fromLastGood(), "answering again"));
    }

    @Test
    void invalidateForgetsEveryLocaleOfAKey() {
        cms.publish("welcome", Locale.ENGLISH, "<p>v1</p>");
        welcome(Locale.ENGLISH);
        welcome(Locale.GERMAN);
        cms.publish("welcome", Locale.ENGLISH, "<p>v2</p>");
        cache.invalidate(org.portico.cms.spi.ContentKind.BLOCK, "welcome");
        assertAll(
                () -> assertEquals(Optional.of("<p>v2</p>"), welcome(Locale.ENGLISH)),
                () -> assertEquals(Optional.of("<p>v2</p>"), welcome(Locale.GERMAN)));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
            "de-CH,   de",
            "de,      de",
            "fr-FR,   en",
            "en-US,   en",
            "ja,      en",
    })
    void fallsBackToParentThenDefaultLocale(String requested, String served) {
        cms.publish("welcome", Locale.ENGLISH, "<p>Welcome</p>");
        cms.publish("welcome", Locale.GERMAN, "<p>Willkommen</p>");
        assertEquals(Optional.of(Locale.forLanguageTag(served)),
                cache.findBlock("welcome", Locale.forLanguageTag(requested)).map(ContentItem::locale));
    }

    @Test
    void fallsBackToLocaleLessContentLast() {
        cms.publish("footer", Locale.ROOT, "<p>(c) Portico</p>");
        assertEquals(Optional.of(Locale.ROOT), cache.findBlock("footer", Locale.JAPANESE).map(ContentItem::locale));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "de-CH      | en    | de-CH, de, en, und",
            "zh-Hant-TW | en    | zh-Hant-TW, zh-Hant, zh, en, und",
            "en-GB      | en    | en-GB, en, und",
            "und        | de-AT | de-AT, de, und",
            "de-CH-x-foo| en    | de-CH, de, en, und",
    })
    void localeChain(String requested, String fallback, String expected) {
        List<Locale> chain = LocaleChain.of(Locale.forLanguageTag(requested), Locale.forLanguageTag(fallback));
        assertEquals(expected, String.join(", ", chain.stream().map(Locale::toLanguageTag).toList()));
    }

    @Test
    void configurationErrorsSayWhatIsValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CachingContentSource.builder(cms).freshFor(Duration.ZERO));
        assertEquals("freshFor must be between PT1S and PT720H, got 'PT0S'", e.getMessage());
    }
}

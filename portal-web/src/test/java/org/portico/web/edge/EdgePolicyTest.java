package org.portico.web.edge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.portico.cdn.http.SharedCacheControl;
import org.portico.cdn.tag.CacheTag;
import org.portico.cdn.tag.CacheTags;
import org.portico.web.edge.EdgePolicy.Facts;
import org.portico.web.edge.EdgePolicy.Verdict;

/** Which responses a shared cache may keep: personal beats everything, only declared and complete pages are shared. */
class EdgePolicyTest {

    private static final Optional<SharedCacheControl> ON = Optional.of(new SharedCacheControl(Duration.ofMinutes(10)));
    private static final CacheTags TAGS = CacheTags.of(List.of(PorticoTags.ALL, PorticoTags.page("welcome")));

    /** A guest's complete 200 to a GET of a page that declared itself shareable. */
    private static Facts guestPage() {
        return new Facts(true, 200, false, false, false, false, true, true, TAGS);
    }

    @Test
    void aGuestsPageIsShared() {
        assertEquals(Verdict.SHARED, EdgePolicy.decide(guestPage(), ON));
    }

    @Test
    void anythingPersonalIsPrivateNoStoreEvenOnADeclaredPage() {
        Facts page = guestPage();
        assertAll(
                () -> assertEquals(Verdict.PERSONAL, EdgePolicy.decide(new Facts(true, 200, true, false, false, false,
                        true, true, TAGS), ON), "logged in"),
                () -> assertEquals(Verdict.PERSONAL, EdgePolicy.decide(new Facts(true, 200, false, true, false, false,
                        true, true, TAGS), ON), "Authorization"),
                () -> assertEquals(Verdict.PERSONAL, EdgePolicy.decide(new Facts(true, 200, false, false, true, false,
                        true, true, TAGS), ON), "a session: view state, a login in progress"),
                () -> assertEquals(Verdict.PERSONAL, EdgePolicy.decide(new Facts(true, 200, false, false, false, true,
                        true, true, TAGS), ON), "a cookie set"),
                () -> assertEquals(Verdict.PERSONAL, EdgePolicy.decide(new Facts(true, 404, false, false, true, false,
                        false, false, TAGS), Optional.empty()), "also when shared caching is off"),
                () -> assertEquals(Verdict.SHARED, EdgePolicy.decide(page, ON)));
    }

    @Test
    void aDeclaredPageThatIsNotAWholeOkIsNotShared() {
        assertAll(
                () -> assertEquals(Verdict.NOT_SHARED, EdgePolicy.decide(new Facts(true, 404, false, false, false,
                        false, true, false, TAGS), ON), "an error page"),
                () -> assertEquals(Verdict.NOT_SHARED, EdgePolicy.decide(new Facts(true, 302, false, false, false,
                        false, true, false, TAGS), ON), "a redirect"),
                () -> assertEquals(Verdict.NOT_SHARED, EdgePolicy.decide(new Facts(true, 200, false, false, false,
                        false, true, false, TAGS), ON), "too large to hold"),
                () -> assertEquals(Verdict.NOT_SHARED, EdgePolicy.decide(new Facts(false, 200, false, false, false,
                        false, true, true, TAGS), ON), "a POST"));
    }

    @Test
    void aPageWithMoreTagsThanAHeaderHoldsIsNotShared() {
        // Content cached without all its tags could not be purged.
        CacheTags many = CacheTags.of(IntStream.range(0, 200)
                .mapToObj(i -> CacheTag.of("cms:built-in:block:block-number-" + i)).toList());
        assertEquals(Verdict.NOT_SHARED, EdgePolicy.decide(new Facts(true, 200, false, false, false, false, true, true,
                many), ON));
    }

    @Test
    void undeclaredResponsesAndEverythingWhenOffAreLeftAlone() {
        assertAll(
                () -> assertEquals(Verdict.UNCHANGED, EdgePolicy.decide(new Facts(true, 200, false, false, false, false,
                        false, true, TAGS), ON), "the login page before a session, an error page"),
                () -> assertEquals(Verdict.UNCHANGED, EdgePolicy.decide(guestPage(), Optional.empty())));
    }
}

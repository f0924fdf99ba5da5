package org.portico.cms.cache;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves with a {@link FakeTicker}: {@code start} plus the ticker's nanoseconds. */
final class TickerClock extends Clock {

    private final FakeTicker ticker;
    private final Instant start;

    TickerClock(FakeTicker ticker, Instant start) {
        this.ticker = ticker;
        this.start = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock in UTC");
    }

    @Override
    public Instant instant() {
        return start.plusNanos(ticker.read());
    }
}

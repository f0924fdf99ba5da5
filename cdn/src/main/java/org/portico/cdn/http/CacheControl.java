package org.portico.cdn.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@code Cache-Control} response policy (RFC 9111 section 5.2.2), as a value.
 *
 * <p>The three Portico uses: {@link #fingerprinted()} for content whose URL changes when it changes,
 * {@link #unversioned()} for content under a stable URL (caches keep it but revalidate every time, cheap with ETags),
 * {@link #noStore()} for anything personal or signed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode      who may store the response, and whether it must revalidate
 * @param maxAge    freshness lifetime, whole seconds, zero to one year; zero for {@code NO_CACHE} and {@code NO_STORE}
 * @param immutable whether the content never changes while fresh (browsers skip revalidation on reload)
 */
public record CacheControl(Mode mode, Duration maxAge, boolean immutable) {

    /** One year, the longest freshness Portico sends (and the conventional maximum of caches). */
    public static final Duration ONE_YEAR = Duration.ofDays(365);

    private static final CacheControl FINGERPRINTED = new CacheControl(Mode.PUBLIC, ONE_YEAR, true);
    private static final CacheControl UNVERSIONED = new CacheControl(Mode.NO_CACHE, Duration.ZERO, false);
    private static final CacheControl NO_STORE = new CacheControl(Mode.NO_STORE, Duration.ZERO, false);

    /** Who may store a response. */
    public enum Mode {
        /** Any cache, shared (CDN) or private (browser). */
        PUBLIC,
        /** Only the user's own browser. */
        PRIVATE,
        /** Any cache, but it must revalidate before every use. */
        NO_CACHE,
        /** No cache at all. */
        NO_STORE
    }

    /**
     * @throws IllegalArgumentException when the combination is not one of the forms described above
     */
    public CacheControl {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.compareTo(ONE_YEAR) > 0 || maxAge.getNano() != 0) {
            throw new IllegalArgumentException("max-age must be whole seconds between PT0S and " + ONE_YEAR
                    + ", got '" + maxAge + "'");
        }
        boolean revalidating = mode == Mode.NO_CACHE || mode == Mode.NO_STORE;
        if (revalidating && (!maxAge.isZero() || immutable)) {
            throw new IllegalArgumentException(mode + " takes neither max-age nor immutable");
        }
        if (immutable && maxAge.isZero()) {
            throw new IllegalArgumentException("immutable needs a max-age greater than zero");
        }
    }

    /** {@code public, max-age=31536000, immutable}: for fingerprinted URLs. */
    public static CacheControl fingerprinted() {
        return FINGERPRINTED;
    }

    /** {@code no-cache}: stored, but revalidated on every use (pair with an ETag). */
    public static CacheControl unversioned() {
        return UNVERSIONED;
    }

    /** {@code no-store}: for personal, signed or otherwise sensitive responses. */
    public static CacheControl noStore() {
        return NO_STORE;
    }

    /** {@code public, max-age=N}. */
    public static CacheControl publicFor(Duration maxAge) {
        return new CacheControl(Mode.PUBLIC, maxAge, false);
    }

    /** {@code private, max-age=N}. */
    public static CacheControl privateFor(Duration maxAge) {
        return new CacheControl(Mode.PRIVATE, maxAge, false);
    }

    /** The header value, e.g. {@code public, max-age=31536000, immutable}. */
    public String toHeaderValue() {
        return switch (mode) {
            case NO_CACHE -> "no-cache";
            case NO_STORE -> "no-store";
            case PUBLIC, PRIVATE -> mode.name().toLowerCase(java.util.Locale.ROOT) + ", max-age=" + maxAge.toSeconds()
                    + (immutable ? ", immutable" : "");
        };
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }
}

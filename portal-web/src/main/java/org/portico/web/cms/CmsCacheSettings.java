package org.portico.web.cms;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.function.Consumer;

import org.portico.cms.cache.CachingContentSource;

/**
 * The CMS cache settings as configured (text), applied to a {@link CachingContentSource.Builder}. A rejected value
 * becomes an {@link IllegalStateException} that names the property and shows a valid value, so a bad setting stops
 * the deployment with a message an operator can act on.
 *
 * @param freshFor             {@code portico.cms.cache.fresh-for}, e.g. {@code PT1M}
 * @param staleWhileRevalidate {@code portico.cms.cache.stale-while-revalidate}, e.g. {@code PT10M}
 * @param staleIfError         {@code portico.cms.cache.stale-if-error}, e.g. {@code P1D}
 * @param defaultLocale        {@code portico.cms.default-locale}, e.g. {@code en}
 */
public record CmsCacheSettings(String freshFor, String staleWhileRevalidate, String staleIfError, String defaultLocale) {

    /**
     * Sets every setting on {@code cache}.
     *
     * @throws IllegalStateException when a value is malformed or out of range
     */
    public CachingContentSource.Builder applyTo(CachingContentSource.Builder cache) {
        apply("portico.cms.cache.fresh-for", freshFor, "an ISO-8601 duration between PT1S and P30D, e.g. 'PT1M'",
                text -> cache.freshFor(Duration.parse(text)));
        apply("portico.cms.cache.stale-while-revalidate", staleWhileRevalidate,
                "an ISO-8601 duration between PT0S and P30D, e.g. 'PT10M'",
                text -> cache.staleWhileRevalidate(Duration.parse(text)));
        apply("portico.cms.cache.stale-if-error", staleIfError,
                "an ISO-8601 duration between PT1S and P30D, e.g. 'P1D'",
                text -> cache.staleIfError(Duration.parse(text)));
        apply("portico.cms.default-locale", defaultLocale, "a BCP 47 language tag, e.g. 'en' or 'de-CH'",
                text -> cache.fallbackLocale(locale(text)));
        return cache;
    }

    private static void apply(String name, String value, String valid, Consumer<String> setter) {
        try {
            setter.accept(value == null ? "" : value.strip());
        } catch (IllegalArgumentException | DateTimeParseException | IllformedLocaleException e) {
            throw new IllegalStateException(name + " must be " + valid + ", got '" + value + "'", e);
        }
    }

    private static Locale locale(String text) {
        Locale locale = new Locale.Builder().setLanguageTag(text).build();
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("no language in '" + text + "'");
        }
        return locale;
    }
}

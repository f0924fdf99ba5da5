package org.portico.web.cms;

import java.time.Duration;
import java.util.IllformedLocaleException;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;
import org.portico.cms.cache.CachingContentSource;
import org.portico.web.settings.Settings;

/**
 * The CMS cache settings, read and checked ({@link #read}), applied to a {@link CachingContentSource.Builder}. A
 * rejected value becomes an {@link IllegalStateException} that names the property and shows a valid value, so a bad
 * setting stops the deployment with a message an operator can act on.
 *
 * @param freshFor             {@code portico.cms.cache.fresh-for}, PT1S to P30D, default {@code PT1M}
 * @param staleWhileRevalidate {@code portico.cms.cache.stale-while-revalidate}, PT0S to P30D, default {@code PT10M}
 * @param staleIfError         {@code portico.cms.cache.stale-if-error}, PT1S to P30D, default {@code P1D}
 * @param defaultLocale        {@code portico.cms.default-locale}, a BCP 47 tag, default {@code en}
 */
public record CmsCacheSettings(Duration freshFor, Duration staleWhileRevalidate, Duration staleIfError,
                               Locale defaultLocale) {

    /**
     * Reads every setting: durations with {@link Settings}, the locale here.
     *
     * @throws IllegalStateException when a value is malformed or out of range
     */
    public static CmsCacheSettings read(Config config) {
        return new CmsCacheSettings(
                Settings.duration(config, "portico.cms.cache.fresh-for", "PT1M", "PT1S", "P30D"),
                Settings.duration(config, "portico.cms.cache.stale-while-revalidate", "PT10M", "PT0S", "P30D"),
                Settings.duration(config, "portico.cms.cache.stale-if-error", "P1D", "PT1S", "P30D"),
                locale(config.getOptionalValue("portico.cms.default-locale", String.class).orElse("en")));
    }

    /** Sets every setting on {@code cache}. */
    public CachingContentSource.Builder applyTo(CachingContentSource.Builder cache) {
        return cache.freshFor(freshFor).staleWhileRevalidate(staleWhileRevalidate).staleIfError(staleIfError)
                .fallbackLocale(defaultLocale);
    }

    private static Locale locale(String text) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text.strip()).build();
            if (!locale.getLanguage().isEmpty()) {
                return locale;
            }
        } catch (IllformedLocaleException e) {
            // reported below
        }
        throw new IllegalStateException("portico.cms.default-locale must be a BCP 47 language tag, e.g. 'en' or"
                + " 'de-CH', got '" + text + "'");
    }
}

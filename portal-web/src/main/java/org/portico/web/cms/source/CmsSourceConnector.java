package org.portico.web.cms.source;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.portico.cms.http.HttpEndpoint;
import org.portico.cms.spi.RemoteContentSource;
import org.portico.cms.strapi.StrapiSettings;
import org.portico.cms.strapi.StrapiSource;
import org.portico.cms.strapi.StrapiWebhookParser;
import org.portico.cms.webhook.WebhookPayloadParser;
import org.portico.cms.webhook.WebhookVerifier;
import org.portico.cms.wordpress.WordPressSettings;
import org.portico.cms.wordpress.WordPressSource;
import org.portico.cms.wordpress.WordPressWebhookParser;

/**
 * A source's connector objects from its settings and opened secrets: the {@code cms-connector} adapter, the webhook
 * verifier (HMAC for Portico's WordPress plugin, the shared-secret header for Strapi) and the payload parser. Every
 * constructor checks its part; an {@link IllegalArgumentException} says what is wrong, in English.
 */
record CmsSourceConnector(RemoteContentSource source, WebhookVerifier verifier, WebhookPayloadParser parser) {

    /** Strapi's options, with their defaults. */
    static final String PAGE_COLLECTION = "pageCollection";
    static final String PAGE_MODEL = "pageModel";
    static final String BLOCK_COLLECTION = "blockCollection";
    static final String BLOCK_MODEL = "blockModel";
    static final String SLUG_FIELD = "slugField";
    static final String TITLE_FIELD = "titleField";
    static final String BODY_FIELD = "bodyField";
    static final String SECRET_HEADER = "secretHeader";
    /** WordPress's options. */
    static final String USER = "user";
    static final String SITE_LANGUAGE = "siteLanguage";
    /** Either: whether the host may be internal (loopback, private network): for a CMS beside Portico. */
    static final String ALLOW_INTERNAL_HOST = CmsSourceChange.ALLOW_INTERNAL_HOST;

    static CmsSourceConnector of(CmsSource source, Optional<String> credential, String webhookSecret,
                                 HttpClient http, Clock clock) {
        HttpEndpoint endpoint = HttpEndpoint.of(source.baseUrl()).withTimeout(source.timeout());
        return switch (source.type()) {
            case WORDPRESS -> {
                WordPressSettings.Builder settings = WordPressSettings.builder(endpoint);
                String user = source.option(USER);
                if (user != null && !user.isBlank() && credential.isPresent()) {
                    settings.credentials(user, credential.get());
                }
                String language = source.option(SITE_LANGUAGE);
                if (language != null && !language.isBlank()) {
                    settings.siteLanguage(Locale.forLanguageTag(language));
                }
                yield new CmsSourceConnector(new WordPressSource(settings.build(), http),
                        WebhookVerifier.hmac(webhookSecret, WebhookVerifier.DEFAULT_TOLERANCE, clock),
                        new WordPressWebhookParser(source.id()));
            }
            case STRAPI -> {
                StrapiSettings.Builder settings = StrapiSettings.builder(endpoint,
                        credential.orElseThrow(() -> new IllegalArgumentException("Strapi needs an API token")),
                        required(source, PAGE_COLLECTION));
                optional(source, BLOCK_COLLECTION).ifPresent(settings::blockCollection);
                optional(source, SLUG_FIELD).ifPresent(settings::slugField);
                optional(source, TITLE_FIELD).ifPresent(settings::titleField);
                optional(source, BODY_FIELD).ifPresent(settings::bodyField);
                StrapiSettings built = settings.build();
                yield new CmsSourceConnector(new StrapiSource(built, http),
                        WebhookVerifier.sharedSecret(optional(source, SECRET_HEADER)
                                        .orElse(WebhookVerifier.DEFAULT_SECRET_HEADER), webhookSecret,
                                WebhookVerifier.DEFAULT_TOLERANCE, clock),
                        new StrapiWebhookParser(source.id(), required(source, PAGE_MODEL),
                                optional(source, BLOCK_MODEL), built.slugField()));
            }
        };
    }

    private static String required(CmsSource source, String option) {
        return optional(source, option).orElseThrow(() -> new IllegalArgumentException(option + " is needed"));
    }

    private static Optional<String> optional(CmsSource source, String option) {
        return Optional.ofNullable(source.option(option)).filter(value -> !value.isBlank());
    }
}

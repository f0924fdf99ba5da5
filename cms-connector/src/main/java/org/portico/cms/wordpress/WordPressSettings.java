package org.portico.cms.wordpress;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.portico.cms.http.HttpEndpoint;

/**
 * How Portico reaches a WordPress site: where it is, the limits of each request, the account for content that is not
 * public (reusable blocks, drafts), and the site's language.
 *
 * <p>Immutable and thread-safe; {@link #toString()} does not show the application password. Build with
 * {@link #builder(String)}, which validates each value and says what a valid one looks like.
 *
 * @param endpoint     base URL (the site's address; the REST API is under {@code wp-json/}), timeout, answer size
 * @param credentials  a user and one of its application passwords, sent as HTTP Basic; without them reusable blocks
 *                     are not found and drafts cannot be previewed
 * @param siteLanguage the language the site is written in, if it is to be found under that locale as well as under
 *                     {@link Locale#ROOT} (WordPress core has one language per site)
 */
public record WordPressSettings(HttpEndpoint endpoint, Optional<Credentials> credentials,
        Optional<Locale> siteLanguage) {

    public WordPressSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(siteLanguage, "siteLanguage");
        if (siteLanguage.filter(Locale.ROOT::equals).isPresent()) {
            siteLanguage = Optional.empty();
        }
    }

    /**
     * Settings for the site at {@code baseUrl}, e.g. {@code https://cms.example.org/}, with a timeout of 5 s and answers
     * up to 2 MiB; no credentials, no site language unless set.
     *
     * @throws IllegalArgumentException unless {@code baseUrl} is an http or https URL
     */
    public static Builder builder(String baseUrl) {
        return builder(HttpEndpoint.of(baseUrl));
    }

    /**
     * Settings for the site at {@code endpoint}, e.g. {@code HttpEndpoint.of(url).withTimeout(Duration.ofSeconds(2))};
     * no credentials, no site language unless set.
     */
    public static Builder builder(HttpEndpoint endpoint) {
        return new Builder(Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * A WordPress user and one of its application passwords (Users → Profile → Application Passwords; WordPress
     * offers them over https, or over http when {@code WP_ENVIRONMENT_TYPE} is {@code local}).
     *
     * @param user                the user's login name
     * @param applicationPassword as WordPress showed it, with or without its spaces
     */
    public record Credentials(String user, String applicationPassword) {

        public Credentials {
            if (user == null || user.isBlank() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("user must be a WordPress login name without ':', such as "
                        + "'portico', got '" + user + "'");
            }
            if (applicationPassword == null || applicationPassword.isBlank()) {
                throw new IllegalArgumentException("applicationPassword must be an application password of user '"
                        + user + "', such as 'abcd EFGH 1234 ijkl MNOP 6789', got none");
            }
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", applicationPassword=(hidden)]";
        }
    }

    /** Configures {@link WordPressSettings}. Not thread-safe; discard it after {@link #build()}. */
    public static final class Builder {

        private final HttpEndpoint endpoint;
        private Credentials credentials;
        private Locale siteLanguage;

        private Builder(HttpEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** The account for reusable blocks and drafts. */
        public Builder credentials(String user, String applicationPassword) {
            this.credentials = new Credentials(user, applicationPassword);
            return this;
        }

        /** The language the site is written in, e.g. {@link Locale#GERMAN}. */
        public Builder siteLanguage(Locale value) {
            this.siteLanguage = Objects.requireNonNull(value, "siteLanguage");
            return this;
        }

        /** The settings. */
        public WordPressSettings build() {
            return new WordPressSettings(endpoint, Optional.ofNullable(credentials), Optional.ofNullable(siteLanguage));
        }
    }
}

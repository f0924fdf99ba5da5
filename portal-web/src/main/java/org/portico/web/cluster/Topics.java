package org.portico.web.cluster;

import java.util.List;

/**
 * The names of the change-marker topics (rows of {@code portico_change_marker}). Kept here as plain strings, so that
 * this package never depends on the features that bump and observe them. A new topic needs no migration: add it to
 * {@link #ALL}, and its row is inserted when the application starts.
 */
public final class Topics {

    /** Deep-link routes ({@code link/}). */
    public static final String ROUTES = "routes";
    /** Registered apps and their secrets ({@code app/}, {@code link/InboundSecrets}, {@code proxy/}, {@code pane/}). */
    public static final String APPS = "apps";
    /** Token signing keys: a rotation, or the first key ({@code config/KeysProducer}). */
    public static final String SIGNING_KEYS = "signing-keys";
    /** Portal pages ({@code page/}). */
    public static final String PAGES = "pages";
    /** Built-in CMS content ({@code cms/}). */
    public static final String CMS = "cms";
    /** External CMS sources: their settings, and their content changed by a webhook ({@code cms/source/}). */
    public static final String CMS_SOURCES = "cms-sources";
    /** Media files: deleted or marked private ({@code media/}). */
    public static final String MEDIA = "media";
    /** Session and token revocations (logout): "not revoked" answers cached by {@code token/} are forgotten. */
    public static final String REVOCATIONS = "revocations";
    /** API tokens revoked ({@code apitoken/}). */
    public static final String API_TOKENS = "api-tokens";

    /** Every topic above: their rows are made sure of at start-up ({@link ChangeMarkers#ensure}). */
    public static final List<String> ALL = List.of(ROUTES, APPS, SIGNING_KEYS, PAGES, CMS, CMS_SOURCES, MEDIA,
            REVOCATIONS, API_TOKENS);

    private Topics() {
    }

    /** Whether {@code topic} is a valid topic name: 1–64 lower-case letters, digits and dashes. */
    public static boolean isValid(String topic) {
        return topic != null && topic.matches("[a-z0-9-]{1,64}");
    }
}

package org.portico.web.cluster;

/**
 * The names of the change-marker topics (rows of {@code portico_change_marker}). Kept here as plain strings, so that
 * this package never depends on the features that bump and observe them. A new topic needs no migration: its row is
 * inserted on its first bump.
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
    /** CMS content and sources ({@code cms/}). */
    public static final String CMS = "cms";
    /** Media files: deleted or marked private ({@code media/}). */
    public static final String MEDIA = "media";
    /** Session and token revocations (logout): "not revoked" answers cached by {@code token/} are forgotten. */
    public static final String REVOCATIONS = "revocations";
    /** API tokens revoked ({@code apitoken/}). */
    public static final String API_TOKENS = "api-tokens";

    private Topics() {
    }

    /** Whether {@code topic} is a valid topic name: 1–64 lower-case letters, digits and dashes. */
    public static boolean isValid(String topic) {
        return topic != null && topic.matches("[a-z0-9-]{1,64}");
    }
}

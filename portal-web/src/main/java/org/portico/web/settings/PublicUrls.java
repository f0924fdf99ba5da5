package org.portico.web.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Portico's public URLs ({@link PorticoIssuer}) for view- and session-scoped beans, which must not hold the issuer
 * itself: it is a {@code @Singleton} producer's object, and Weld never counts a pseudo-scoped bean as a dependency a
 * replicated session may hold (WELD-001413 when the WAR is deployed). This bean is reached through its client proxy,
 * which serializes as a reference.
 */
@ApplicationScoped
public class PublicUrls {

    @Inject
    PorticoIssuer issuer;

    /** Portico's public base URL, without a trailing slash. */
    public String base() {
        return issuer.url();
    }

    /** The absolute URL of {@code path} (starting with {@code /}) on Portico's public URL. */
    public String resolve(String path) {
        return issuer.resolve(path);
    }
}

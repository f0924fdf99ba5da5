package org.portico.web.cms;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portico.cms.spi.ContentKind;
import org.portico.web.settings.PorticoIssuer;

/**
 * Absolute review links ({@code <issuer>/review/<token>}, {@link PreviewLinks}) for the editor's "Share for review".
 *
 * <p>Why a bean of its own: the editor's backing bean is view-scoped and lives in a session that is replicated to the
 * other nodes of a cluster, so everything it holds must be passivation capable. {@link PreviewLinks} is made by a
 * {@code @Singleton} producer and cannot be serialized (it holds a signing key); Weld refuses it there, at the first
 * {@code get()} even through {@code Instance}. This application-scoped bean is reached through its client proxy, which
 * serializes as a reference.
 */
@ApplicationScoped
public class ReviewLinks {

    @Inject
    PreviewLinks previewLinks;

    @Inject
    PorticoIssuer issuer;

    /**
     * The link to {@code revision} of the item, valid for {@code days} days, kept between 1 and
     * {@link PreviewLinks#MAX_VALIDITY}.
     */
    public String create(ContentKind kind, String key, Locale locale, long revision, int days) {
        int kept = Math.max(1, Math.min(days, (int) PreviewLinks.MAX_VALIDITY.toDays()));
        return issuer.resolve("/review/" + previewLinks.token(kind, key, locale, revision, Duration.ofDays(kept)));
    }
}

package org.portico.web.cdn;

import org.portico.cdn.purge.CdnPurger;
import org.portico.cdn.purge.PurgeTarget;

/**
 * Builds the adapter of a purge target (the {@code cdn} module's, wired in {@code config.CdnProducer}).
 */
@FunctionalInterface
public interface CdnPurgerFactory {

    /**
     * @throws IllegalArgumentException when the target's options or credential do not fit its kind (the message says
     *                                  what a valid value looks like)
     */
    CdnPurger create(PurgeTarget target);
}

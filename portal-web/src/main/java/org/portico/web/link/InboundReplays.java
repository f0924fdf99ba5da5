package org.portico.web.link;

import java.time.Instant;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.Typed;

import org.portico.deeplink.token.ReplayGuard;

/**
 * Remembers the {@code jti} of every inbound signed link accepted, in the shared database: the primary key makes the
 * first insert win on any node, a second one fails and means "seen before". Rows go after the link has expired
 * (see {@link LinkStore#purge}).
 */
@ApplicationScoped
@Typed(InboundReplays.class) // not a ReplayGuard bean: TokensProducer produces the one the token layer uses
public class InboundReplays implements ReplayGuard {

    private static final Logger LOG = Logger.getLogger(InboundReplays.class.getName());

    @Inject
    LinkStore store;

    @Override
    public boolean firstUse(String id, Instant rememberUntil) {
        if (store.jtiKnown(id)) {
            return false;
        }
        try {
            store.insertJti(id, rememberUntil);
            return true;
        } catch (RuntimeException e) {
            // The insert's own transaction rolled back; a duplicate key means another request was first.
            if (store.jtiKnown(id)) {
                return false;
            }
            LOG.warning(() -> "Recording an inbound link id failed: " + e);
            throw e;
        }
    }
}

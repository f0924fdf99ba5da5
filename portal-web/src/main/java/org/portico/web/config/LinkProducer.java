package org.portico.web.config;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.deeplink.link.InboundLinkVerifier;
import org.portico.deeplink.link.LinkResolver;
import org.portico.deeplink.link.LinkRoutes;
import org.portico.deeplink.link.LinkTokenIssuer;
import org.portico.deeplink.link.LinkTokenVerifier;
import org.portico.deeplink.oauth.ClientJwkSources;
import org.portico.web.cluster.Leases;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.link.InboundReplays;
import org.portico.web.link.InboundSecrets;
import org.portico.web.link.LinkSignOnUsers;
import org.portico.web.link.LinkStore;
import org.portico.web.link.LinkTickets;
import org.portico.web.concurrent.PeriodicJob;
import org.portico.web.database.DatabaseMigrations;

/**
 * Wires link following of {@code deeplink} into CDI: the link token issuer and verifier, the inbound signature
 * verifier and the {@link LinkResolver} over the stored routes, the app directory, the database's tickets and inbound
 * ids. Thread-safe singletons, no client proxies. Expired tickets and inbound ids are deleted hourly.
 */
@ApplicationScoped
public class LinkProducer {

    private static final Logger LOG = Logger.getLogger(LinkProducer.class.getName());
    /** Expired rows are kept a day longer, so a late click still hears "expired" rather than "unknown". */
    static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    @Resource
    ManagedScheduledExecutorService scheduler;

    private PeriodicJob purge;

    @Produces
    @Singleton
    LinkTokenIssuer linkTokenIssuer(SigningKeys keys, PorticoIssuer issuer, Clock clock) {
        return new LinkTokenIssuer(keys, issuer.url(), clock);
    }

    @Produces
    @Singleton
    LinkTokenVerifier linkTokenVerifier(SigningKeys keys, PorticoIssuer issuer, Clock clock) {
        return new LinkTokenVerifier(keys, issuer.url(), clock);
    }

    @Produces
    @Singleton
    InboundLinkVerifier inboundLinkVerifier(AppDirectory apps, ClientJwkSources jwkSources, InboundSecrets secrets,
                                            PorticoIssuer issuer, Clock clock) {
        return new InboundLinkVerifier(apps, jwkSources, secrets, issuer.url(), clock);
    }

    @Produces
    @Singleton
    LinkResolver linkResolver(LinkRoutes routes, AppDirectory apps, LinkTokenIssuer tokens, LinkTickets tickets,
                              InboundLinkVerifier inbound, InboundReplays replays, LinkSignOnUsers signOnUsers,
                              Clock clock) {
        return new LinkResolver(routes, apps, tokens, tickets, inbound, replays, signOnUsers, clock);
    }

    /** The expired tickets are purged by one node of a cluster at a time: the holder of this lease. */
    static final String PURGE_LEASE = "one-time-ticket-purge";

    @Inject
    Leases leases;

    void startUp(@Observes @Priority(DatabaseMigrations.PRIORITY + 40) @Initialized(ApplicationScoped.class) Object event,
                 LinkStore store, LinkTickets tickets, Clock clock) {
        // Checked here, not inside the log message: that lambda does not run when INFO is off.
        Duration ticketLifetime = tickets.lifetime(); // a bad setting fails the start here
        LOG.info(() -> "One-time link tickets live " + ticketLifetime);
        purge = PeriodicJob.start("one-time ticket purge", scheduler, Duration.ofMinutes(5), Duration.ofHours(1),
                leases.onOneNode(PURGE_LEASE, Duration.ofHours(1), PeriodicJob.TICK.multipliedBy(2),
                        () -> purge(store, clock)));
    }

    private static void purge(LinkStore store, Clock clock) {
        try {
            int removed = store.purge(clock.instant().minus(KEEP_EXPIRED));
            if (removed > 0) {
                LOG.info(() -> "Removed " + removed + " expired one-time tickets and inbound link ids");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Removing expired one-time tickets failed; trying again in an hour", e);
        }
    }

    @PreDestroy
    void stop() {
        if (purge != null) {
            purge.cancel();
            leases.release(PURGE_LEASE);
        }
    }
}

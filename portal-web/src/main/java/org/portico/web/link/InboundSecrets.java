package org.portico.web.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.portico.deeplink.keys.SecretSealer;
import org.portico.deeplink.link.InboundLinkSecrets;
import org.portico.deeplink.random.RandomIds;
import org.portico.web.app.AppRejectedException;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;

/**
 * The secrets apps sign inbound links with (HS256). Generated here on a site admin's request (256 random bits,
 * shown once as base64url text whose UTF-8 bytes are the HMAC key), stored only sealed under the master secret
 * ({@link SecretSealer}, label {@code inbound-link:<app id>}), opened when a signed link arrives and cached for
 * {@link #FRESH_FOR}; a new secret takes effect on every node within a second (the {@code apps} change marker).
 */
@ApplicationScoped
public class InboundSecrets implements InboundLinkSecrets {

    @Inject
    ChangeMarkers markers;

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    @Inject
    LinkStore store;

    @Inject
    SecretSealer sealer;

    @Inject
    AuditLog audit;

    private final Cache<String, Optional<byte[]>> cache = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR).maximumSize(10_000).build();

    @Override
    public Optional<byte[]> find(String appId) {
        return cache.get(appId, id -> store.findSealedSecret(id).map(sealed -> sealer.open(label(id), sealed)));
    }

    /**
     * Generates a new secret for the app, replacing any old one (links signed with it stop verifying within
     * {@link #FRESH_FOR}), and returns it once.
     *
     * @throws AppRejectedException.AppNotFound when there is no such app
     */
    public String generate(String appId) {
        String secret = RandomIds.secret();
        if (!store.storeSealedSecret(appId, sealer.seal(label(appId), secret.getBytes(StandardCharsets.UTF_8)))) {
            audit.record(AuditAction.APP_INBOUND_SECRET_GENERATED, "app:" + appId, AuditOutcome.REFUSED, "no such app");
            throw new AppRejectedException.AppNotFound(appId);
        }
        cache.invalidate(appId);
        markers.bumpCommitted(Topics.APPS); // the other nodes forget the old secret within a second
        audit.record(AuditAction.APP_INBOUND_SECRET_GENERATED, "app:" + appId, AuditOutcome.SUCCESS, null);
        return secret;
    }

    private static String label(String appId) {
        return "inbound-link:" + appId;
    }

    /** An app or its inbound secret changed on some node: forget the cached secrets. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.APPS)) {
            cache.invalidateAll();
        }
    }
}

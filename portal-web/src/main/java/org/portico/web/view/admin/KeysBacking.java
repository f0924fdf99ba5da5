package org.portico.web.view.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Messages;
import org.portico.deeplink.keys.KeyState;
import org.portico.deeplink.keys.PublicSigningKey;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.signedurl.SignedUrls;

/**
 * The site admin's view of the signing keys: which one signs, which retired ones still verify and until when, and
 * "rotate now" (after a suspected leak, or to test that the apps follow the JWKS).
 */
@Named
@RequestScoped
public class KeysBacking {

    @Inject
    SigningKeys keys;

    @Inject
    AuditLog audit;

    @Inject
    SignedUrls signedUrls;

    /**
     * One line of the table; times in UTC for the page's date-time converter, {@code null} where there is none yet.
     *
     * @param active whether the key signs (else it only verifies)
     */
    public record KeyRow(String kid, String algorithm, boolean active, LocalDateTime created, LocalDateTime retired,
                         LocalDateTime removable) {
    }

    public List<KeyRow> getKeys() {
        return keys.keys().stream()
                .sorted(Comparator.comparing(PublicSigningKey::createdAt).reversed())
                .map(key -> new KeyRow(key.kid(), key.algorithm().jwsAlgorithm().getName(),
                        key.state() == KeyState.ACTIVE, utc(key.createdAt()),
                        key.retiredAt().map(KeysBacking::utc).orElse(null),
                        key.removableAt().map(KeysBacking::utc).orElse(null)))
                .toList();
    }

    /** The key pair id signed URLs name (configured, or Portico's own). */
    public String getUrlSigningKeyPairId() {
        return signedUrls.keyPairId();
    }

    /** Whether the key pair id is Portico's own, not one CloudFront assigned. */
    public boolean isUrlSigningKeyPairIdDefault() {
        return signedUrls.keyPairId().equals(signedUrls.defaultKeyPairId());
    }

    /** The public key of signed URLs, PEM, for CloudFront's key group. */
    public String getUrlSigningPublicKey() {
        return signedUrls.publicKeyPem();
    }

    /** The CDN base URL signed URLs name, or null: the request's origin. */
    public String getUrlSigningCdn() {
        return signedUrls.cdnUrl().orElse(null);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Days between scheduled rotations. */
    public long getRotationDays() {
        return keys.config().rotationPeriod().toDays();
    }

    public void rotate() {
        String previous = keys.activeKeyId();
        String active = keys.rotate();
        audit.record(AuditAction.KEY_ROTATED, "key:" + active, AuditOutcome.SUCCESS, "retired " + previous);
        Messages.addGlobalInfo("admin.keys.rotated", active);
    }
}

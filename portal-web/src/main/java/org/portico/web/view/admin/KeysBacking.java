package org.portico.web.view.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Messages;
import org.portico.deeplink.keys.PublicSigningKey;
import org.portico.deeplink.keys.SigningKeys;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;

/**
 * The site admin's view of the signing keys: which one signs, which retired ones still verify and until when, and
 * "rotate now" (after a suspected leak, or to test that the apps follow the JWKS).
 */
@Named
@RequestScoped
public class KeysBacking {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    SigningKeys keys;

    @Inject
    AuditLog audit;

    /** One line of the table. */
    public record KeyRow(String kid, String algorithm, String state, String created, String retired, String removable) {
    }

    public List<KeyRow> getKeys() {
        return keys.keys().stream()
                .sorted(Comparator.comparing(PublicSigningKey::createdAt).reversed())
                .map(key -> new KeyRow(key.kid(), key.algorithm().jwsAlgorithm().getName(), key.state().name(),
                        WHEN.format(key.createdAt()),
                        key.retiredAt().map(WHEN::format).orElse("—"),
                        key.removableAt().map(WHEN::format).orElse("—")))
                .toList();
    }

    public String getRotationPeriod() {
        return keys.config().rotationPeriod().toDays() + " days";
    }

    public void rotate() {
        String previous = keys.activeKeyId();
        String active = keys.rotate();
        audit.record(AuditAction.KEY_ROTATED, "key:" + active, AuditOutcome.SUCCESS, "retired " + previous);
        Messages.addGlobalInfo("admin.keys.rotated", active);
    }
}

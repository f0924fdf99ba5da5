package org.portico.web.it;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.web.app.AppDraft;
import org.portico.web.app.AppRejectedException;
import org.portico.web.app.AppService;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditFilter;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.audit.AuditEntry;
import org.portico.web.user.Role;
import org.portico.web.user.UserRejectedException;
import org.portico.web.user.UserService;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portico.web.it.ItSupport.unique;

/**
 * The audit log inside WildFly against the real database: what the services record, refused changes included,
 * and the filters of the admin page and the CSV export. Tagged {@code database}; every test works on targets of its
 * own, so rows from earlier runs don't matter.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class AuditLogIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(AuditLogIT.class, ItSupport.class);
    }

    @Inject
    AuditLog audit;

    @Inject
    AppService apps;

    @Inject
    UserService users;


    private List<String> actionsFor(String target) {
        return audit.search(new AuditFilter(null, null, target, null, null), 0, 100).stream()
                .map(entry -> entry.getAction() + " " + entry.getOutcome()).toList();
    }

    private static AppDraft app(String id) {
        return new AppDraft(id, "Audited " + id, null, "urn:audit:" + id, List.of("https://" + id + ".example"),
                List.of(), null, "client_secret", null, List.of(), false, true);
    }

    @Test
    void everyAppChangeIsRecordedNewestFirstAndRefusalsToo() {
        String id = unique("audited");
        apps.create(app(id));
        apps.setEnabled(id, false);
        apps.regenerateSecret(id);
        assertThrows(AppRejectedException.AppIdTaken.class, () -> apps.create(app(id)));
        apps.delete(id);

        assertEquals(List.of("APP_DELETED SUCCESS", "APP_CREATED REFUSED", "APP_SECRET_REGENERATED SUCCESS",
                "APP_DISABLED SUCCESS", "APP_CREATED SUCCESS"), actionsFor("app:" + id));
    }

    @Test
    void detailsSayWhatChangedAndNeverHoldTheSecret() {
        String id = unique("detail");
        String secret = apps.create(app(id)).oneTimeSecret().orElseThrow();
        String regenerated = apps.regenerateSecret(id).oneTimeSecret().orElseThrow();
        var current = apps.getById(id);
        apps.update(id, current.getVersion(), new AppDraft(null, "New name", null, current.getAudience(),
                current.getBaseUrls(), List.of(), 120, "client_secret", null, List.of(), false, true));

        List<AuditEntry> entries = audit.search(new AuditFilter(null, null, "app:" + id, null, null), 0, 10);
        assertAll(
                () -> assertEquals("changed: name, token lifetime", entries.get(0).getDetail()),
                () -> assertTrue(entries.stream().noneMatch(e -> e.getDetail() != null
                        && (e.getDetail().contains(secret) || e.getDetail().contains(regenerated)))));
    }

    @Test
    void userChangesAreRecordedWithTheirOutcome() {
        String username = unique("audituser");
        var user = users.create(username, "Audit User", null, "a-long-enough-secret", EnumSet.of(Role.END_USER));
        users.setRoles(user.getId(), EnumSet.of(Role.END_USER, Role.CONTENT_EDITOR));
        users.setRoles(user.getId(), EnumSet.of(Role.END_USER, Role.CONTENT_EDITOR)); // no change, no entry
        users.resetPassword(user.getId(), "another-long-secret");
        assertThrows(UserRejectedException.WeakPassword.class, () -> users.resetPassword(user.getId(), "short"));
        users.setEnabled(user.getId(), false);

        assertEquals(List.of("USER_DISABLED SUCCESS", "PASSWORD_RESET REFUSED", "PASSWORD_RESET SUCCESS",
                "ROLES_CHANGED SUCCESS", "USER_CREATED SUCCESS"), actionsFor("user:" + username));
        AuditEntry roles = audit.search(new AuditFilter(AuditAction.ROLES_CHANGED, null, "user:" + username, null, null), 0, 1).get(0);
        assertEquals("end-user -> end-user, content-editor", roles.getDetail());
    }

    @Test
    void filtersCombineActionActorTargetAndDays() {
        String target = "user:" + unique("filter");
        audit.recordAs("ada", AuditAction.LOGIN, target, AuditOutcome.SUCCESS, null);
        audit.recordAs(null, AuditAction.LOGIN_FAILED, target, AuditOutcome.REFUSED, "wrong username or password");
        audit.recordAs("ada", AuditAction.LOGOUT, target, AuditOutcome.SUCCESS, null);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertAll(
                () -> assertEquals(3, audit.count(new AuditFilter(null, null, target, null, null))),
                () -> assertEquals(2, audit.count(new AuditFilter(null, "ADA", target, null, null)), "actor, any case"),
                () -> assertEquals(1, audit.count(new AuditFilter(AuditAction.LOGIN_FAILED, null, target, null, null))),
                () -> assertEquals(3, audit.count(AuditFilter.forDays(null, null, target, today, today))),
                () -> assertEquals(3, audit.count(AuditFilter.forDays(null, null, target.toUpperCase(), today.minusDays(1), null))),
                () -> assertEquals(0, audit.count(AuditFilter.forDays(null, null, target, today.plusDays(1), null))),
                () -> assertEquals(0, audit.count(AuditFilter.forDays(null, null, target, null, today.minusDays(1)))),
                () -> assertEquals(0, audit.count(new AuditFilter(null, null, target + "%", null, null)), "a % is literal"),
                () -> assertEquals("LOGOUT", audit.search(new AuditFilter(null, null, target, null, null), 0, 1).get(0).getAction()),
                () -> assertEquals("127.0.0.1", audit.search(new AuditFilter(null, null, target, null, null), 0, 1)
                        .get(0).getClientAddress(), "the test's request comes from the loopback address"));
    }

    @Test
    void theExportReadsEveryMatchingEntryInBatchesNewestFirst() {
        String target = "app:" + unique("batch");
        for (int i = 0; i < 7; i++) {
            audit.recordAs("ada", AuditAction.APP_UPDATED, target, AuditOutcome.SUCCESS, "change " + i);
        }
        List<String> details = new ArrayList<>();

        audit.forEach(new AuditFilter(null, null, target, null, null), 3, entry -> details.add(entry.getDetail()));

        assertEquals(List.of("change 6", "change 5", "change 4", "change 3", "change 2", "change 1", "change 0"), details);
    }

    @Test
    void controlCharactersNeverReachTheLog() {
        String target = "user:" + unique("crlf");
        audit.recordAs(null, AuditAction.LOGIN_FAILED, target, AuditOutcome.REFUSED, "line\r\nFORGED");

        AuditEntry entry = audit.search(new AuditFilter(null, null, target, null, null), 0, 1).get(0);
        assertFalse(entry.getDetail().contains("\n"));
    }
}

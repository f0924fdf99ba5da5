package org.portico.web.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuditLogCleanTest {

    @Test
    void controlCharactersBecomeSpacesSoNoLineCanBeForged() {
        assertEquals("alice  FAKE LOGIN", AuditLog.clean("alice\r\nFAKE LOGIN", 64));
    }

    @Test
    void longValuesAreCutToTheColumn() {
        String cut = AuditLog.clean("x".repeat(600), AuditLog.DETAIL_LENGTH);
        assertEquals(AuditLog.DETAIL_LENGTH, cut.length());
    }

    @Test
    void blankIsNull() {
        assertNull(AuditLog.clean("  \t ", 10));
        assertNull(AuditLog.clean(null, 10));
    }
}

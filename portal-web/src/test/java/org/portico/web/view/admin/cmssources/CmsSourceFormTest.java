package org.portico.web.view.admin.cmssources;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.portico.web.cms.source.CmsSource;
import org.portico.web.cms.source.CmsSourceChange;
import org.portico.web.cms.source.CmsSourceType;

/** The add/edit dialog's form: the credential is write-only, and only the chosen type's options are sent. */
class CmsSourceFormTest {

    private static CmsSource stored(boolean hasCredential) {
        return new CmsSource("docs", CmsSourceType.STRAPI, "Team docs", "http://127.0.0.1:1337/",
                Map.of("pageCollection", "pages", "pageModel", "page", CmsSourceChange.ALLOW_INTERNAL_HOST, "true"),
                hasCredential, Duration.ofSeconds(2), Duration.ofMinutes(1), true, Instant.EPOCH, "ada", 3);
    }

    @Test
    void aNewStrapiSourceStartsWithThePageCollectionAndSendsOnlyStrapisOptions() {
        CmsSourceForm form = new CmsSourceForm();
        form.clear();
        form.getOptions().put("user", "typed-while-wordpress");
        form.setType(CmsSourceType.STRAPI);
        form.typeChosen();
        form.getOptions().put("slugField", "  uid ");
        form.getOptions().put("bodyField", " ");
        form.setCredential("token");

        CmsSourceChange change = form.toChange();

        assertAll(
                () -> assertEquals(Map.of("pageCollection", "pages", "pageModel", "page", "slugField", "uid"),
                        change.options(), "stripped, blanks and the other type's left out"),
                () -> assertEquals("token", change.credential()),
                () -> assertEquals(Duration.ofSeconds(5), change.timeout()),
                () -> assertEquals(Duration.ofMinutes(1), change.freshFor()),
                () -> assertTrue(change.enabled()));
    }

    @Test
    void editingNeverHoldsTheStoredCredentialAndAnEmptyFieldKeepsIt() {
        CmsSourceForm form = new CmsSourceForm();
        form.load(stored(true));

        CmsSourceChange kept = form.toChange();
        form.setCredential("   ");
        CmsSourceChange stillKept = form.toChange();
        form.setRemoveCredential(true);
        CmsSourceChange removed = form.toChange();

        assertAll(
                () -> assertTrue(form.isEditing()),
                () -> assertTrue(form.isStoredCredential()),
                () -> assertTrue(form.isAllowInternalHost()),
                () -> assertFalse(form.getOptions().containsKey(CmsSourceChange.ALLOW_INTERNAL_HOST),
                        "the checkbox holds it, not an option field"),
                () -> assertEquals("true", kept.options().get(CmsSourceChange.ALLOW_INTERNAL_HOST)),
                () -> assertNull(kept.credential(), "null keeps the stored one"),
                () -> assertNull(stillKept.credential()),
                () -> assertEquals("", removed.credential(), "empty removes it"),
                () -> assertEquals(3, form.getLockVersion()));
    }

    @Test
    void emptyNumbersReachTheServiceAsMissingSoItsRuleIsShown() {
        CmsSourceForm form = new CmsSourceForm();
        form.clear();
        form.setTimeoutMillis(null);
        form.setFreshForSeconds(null);

        CmsSourceChange change = form.toChange();

        assertAll(
                () -> assertNull(change.timeout()),
                () -> assertNull(change.freshFor()),
                () -> assertNull(change.credential(), "nothing typed: no credential"));
    }
}

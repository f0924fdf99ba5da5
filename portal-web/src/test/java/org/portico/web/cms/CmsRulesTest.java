package org.portico.web.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portico.cms.spi.ContentKind;
import org.portico.web.problem.FieldMessage;

class CmsRulesTest {

    private static List<String> fields(List<FieldMessage> problems) {
        return problems.stream().map(FieldMessage::field).toList();
    }

    @Test
    void aPagesPlaceIsASlugInALanguage() {
        assertEquals(List.of(), CmsRules.checkPlace(ContentKind.PAGE, "opening-hours", "de-CH"));
        assertEquals(List.of("key", "locale"), fields(CmsRules.checkPlace(ContentKind.PAGE, "Opening Hours", "de_CH")));
        assertEquals(List.of("key"), fields(CmsRules.checkPlace(ContentKind.PAGE, "a.b", "en")));
        assertEquals(List.of(), CmsRules.checkPlace(ContentKind.BLOCK, "footer.links_2", "und"));
        assertEquals(List.of("kind", "locale"), fields(CmsRules.checkPlace(null, "x", null)));
    }

    @Test
    void aPageNeedsATitleAndReadersABlockHasNoReaders() {
        CmsDraft page = new CmsDraft("", "", "<p>x</p>", Set.of("pope"));
        CmsDraft block = new CmsDraft("", "", "<p>x</p>", Set.of("end-user"));
        assertEquals(List.of("title", "roles"), fields(CmsRules.check(ContentKind.PAGE, page)));
        assertEquals(List.of("roles"), fields(CmsRules.check(ContentKind.BLOCK, block)));
        assertEquals(List.of(), CmsRules.check(ContentKind.PAGE, new CmsDraft("T", "", "", Set.of("guest"))));
        assertEquals(List.of("roles"), fields(CmsRules.check(ContentKind.PAGE, new CmsDraft("T", "", "", Set.of()))));
    }

    @Test
    void lengthsAndLineBreaksAreBounded() {
        CmsDraft tooMuch = new CmsDraft("a\nb", "s".repeat(CmsRules.MAX_SUMMARY + 1),
                "b".repeat(CmsRules.MAX_BODY + 1), Set.of("end-user"));
        assertEquals(List.of("title", "summary", "body"), fields(CmsRules.check(ContentKind.PAGE, tooMuch)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x_y", "en-", "toolongtoolongtoolongtoolongtoolongtoolong"})
    void aLanguageThatIsNoTagIsRefused(String tag) {
        assertNull(CmsRules.locale(tag));
    }

    @Test
    void undIsEveryLanguage() {
        assertEquals(Locale.ROOT, CmsRules.locale("und"));
        assertEquals(Locale.forLanguageTag("de-CH"), CmsRules.locale("de-CH"));
    }
}

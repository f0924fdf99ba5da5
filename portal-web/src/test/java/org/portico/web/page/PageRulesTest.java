package org.portico.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.portico.web.problem.FieldMessage;

class PageRulesTest {

    /** A kind whose settings need a "block" that is a known key. */
    private static final WidgetType BLOCKS = new WidgetType() {
        @Override
        public WidgetKind kind() {
            return WidgetKind.CMS_BLOCK;
        }

        @Override
        public List<FieldMessage> check(JsonObject settings) {
            return "welcome".equals(settings.getString("block", ""))
                    ? List.of() : List.of(new FieldMessage("block", "no such block"));
        }
    };

    private final PageRules rules = new PageRules(new WidgetTypes(List.of(BLOCKS)));

    private static Widget block(String id, String key) {
        return new Widget(id, WidgetKind.CMS_BLOCK, "", 12, Set.of(), false,
                Json.createObjectBuilder().add("block", key).build());
    }

    private static List<String> fields(List<FieldMessage> problems) {
        return problems.stream().map(FieldMessage::field).toList();
    }

    @Test
    void aValidPageHasNoProblems() {
        PortalPage page = new PortalPage("team-news", "Team news", Set.of("end-user", "guest"), true, 10,
                List.of(block("w1", "welcome")));
        assertEquals(List.of(), rules.check(page));
    }

    @Test
    void everyProblemIsListedAtOnceWithTheWidgetsPlace() {
        Widget bad = new Widget("w 2", WidgetKind.CMS_BLOCK, "x".repeat(101), 13, Set.of("boss"), false,
                Json.createObjectBuilder().add("block", "nope").build());
        PortalPage page = new PortalPage("Bad Slug", " ", Set.of(), false, 0,
                List.of(block("w1", "welcome"), bad, block("w1", "welcome")));
        assertEquals(List.of("slug", "title", "roles", "widgets/1/id", "widgets/1/title", "widgets/1/width",
                "widgets/1/roles", "widgets/1/settings/block", "widgets/2/id"), fields(rules.check(page)));
    }

    @Test
    void kindsWithoutATypeAreRefused() {
        Widget pane = new Widget("p1", WidgetKind.APP_PANE, "", 6, Set.of(), false, Json.createObjectBuilder().build());
        PortalPage page = new PortalPage("apps", "Apps", Set.of("end-user"), true, 0, List.of(pane));
        assertEquals(List.of("widgets/0/kind"), fields(rules.check(page)));
    }

    @Test
    void theHomePageIsNotForGuests() {
        PortalPage home = new PortalPage(PortalPage.HOME, "Home", Set.of("end-user", "guest"), true, 0, List.of());
        assertEquals(List.of("roles"), fields(rules.check(home)));
    }

    @Test
    void theJsonShapeIsReadWithEveryProblemNamed() {
        JsonObject json = Json.createReader(new java.io.StringReader("""
                {"slug": "p", "title": 3, "roles": ["end-user"], "widgets": [
                  {"id": "a", "kind": "cms-block", "width": "wide", "settings": {"block": "welcome"}},
                  {"id": "b", "kind": "weather"},
                  7]}""")).readObject();
        List<FieldMessage> problems = new ArrayList<>();
        PortalPage page = PageJson.read(json, problems);
        assertEquals(List.of("title", "widgets/0/width", "widgets/1/kind", "widgets/2"), fields(problems));
        assertEquals(1, page.widgets().size());
    }

    @Test
    void pageJsonRoundTrips() {
        PortalPage page = new PortalPage("team", "Team", Set.of("end-user"), true, 5,
                List.of(block("w1", "welcome"), new Widget("w2", WidgetKind.CMS_BLOCK, "Extra", 4,
                        Set.of("site-admin"), true, Json.createObjectBuilder().add("block", "welcome").build())));
        List<FieldMessage> problems = new ArrayList<>();
        assertEquals(page, PageJson.read(PageJson.write(page), problems));
        assertTrue(problems.isEmpty());
    }
}

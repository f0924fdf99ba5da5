package org.portico.web.page;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When a change of a page changes the navigation every page shows (and so purges every page from a CDN). */
class PagesChangedTest {

    private static final PortalPage LISTED = new PortalPage("team", "Team", Set.of("guest"), true, 10, List.of());

    @Test
    void addingOrRemovingAListedPageChangesTheNavigation() {
        PortalPage unlisted = new PortalPage("hidden", "Hidden", Set.of("guest"), false, 0, List.of());
        assertAll(
                () -> assertTrue(PagesChanged.navigationChanged(null, LISTED)),
                () -> assertTrue(PagesChanged.navigationChanged(LISTED, null)),
                () -> assertFalse(PagesChanged.navigationChanged(null, unlisted)),
                () -> assertFalse(PagesChanged.navigationChanged(unlisted, null)));
    }

    @Test
    void itsEntryChangesWithTitlePlaceRolesAndListing() {
        assertAll(
                () -> assertTrue(PagesChanged.navigationChanged(LISTED,
                        new PortalPage("team", "Our team", Set.of("guest"), true, 10, List.of()))),
                () -> assertTrue(PagesChanged.navigationChanged(LISTED,
                        new PortalPage("team", "Team", Set.of("guest"), true, 20, List.of()))),
                () -> assertTrue(PagesChanged.navigationChanged(LISTED,
                        new PortalPage("team", "Team", Set.of("user"), true, 10, List.of()))),
                () -> assertTrue(PagesChanged.navigationChanged(LISTED,
                        new PortalPage("team", "Team", Set.of("guest"), false, 10, List.of()))));
    }

    @Test
    void itsWidgetsAreNotTheNavigations() {
        Widget widget = new Widget("w1", WidgetKind.LINKS_LIST, null, 1, Set.of("guest"), false,
                jakarta.json.Json.createObjectBuilder().build());
        assertFalse(PagesChanged.navigationChanged(LISTED, LISTED.withWidgets(List.of(widget))));
    }
}

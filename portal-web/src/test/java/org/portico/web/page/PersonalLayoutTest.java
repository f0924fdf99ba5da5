package org.portico.web.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class PersonalLayoutTest {

    private static Widget widget(String id, boolean optional) {
        return new Widget(id, WidgetKind.CMS_BLOCK, id, 6, Set.of(), optional, JsonValue.EMPTY_JSON_OBJECT);
    }

    private static final Widget A = widget("a", false);
    private static final Widget B = widget("b", false);
    private static final Widget C = widget("c", false);
    private static final Widget EXTRA = widget("extra", true);

    private static List<String> ids(List<Widget> widgets) {
        return widgets.stream().map(Widget::id).toList();
    }

    @Test
    void noLayoutShowsTheAdminsDefaultWithoutOptionalWidgets() {
        assertEquals(List.of("a", "b", "c"), ids(PersonalLayout.NONE.apply(List.of(A, B, C, EXTRA))));
        assertEquals(List.of("extra"), ids(PersonalLayout.NONE.addable(List.of(A, B, C, EXTRA))));
    }

    @Test
    void hiddenWidgetsGoAndCanBeAddedBack() {
        PersonalLayout layout = PersonalLayout.NONE.hide(B);
        assertEquals(List.of("a", "c"), ids(layout.apply(List.of(A, B, C))));
        assertEquals(List.of("b"), ids(layout.addable(List.of(A, B, C))));
        assertEquals(List.of("a", "b", "c"), ids(layout.add(B).apply(List.of(A, B, C))));
    }

    @Test
    void optionalWidgetsShowOnceAddedAndGoWhenHidden() {
        PersonalLayout layout = PersonalLayout.NONE.add(EXTRA);
        assertEquals(List.of("a", "extra"), ids(layout.apply(List.of(A, EXTRA))));
        assertEquals(List.of("a"), ids(layout.hide(EXTRA).apply(List.of(A, EXTRA))));
        assertTrue(layout.hide(EXTRA).isNone());
    }

    @Test
    void theUsersOrderWinsAndNewWidgetsOfTheAdminAppearAtTheirPlace() {
        PersonalLayout layout = PersonalLayout.NONE.reorder(List.of("c", "a", "b"));
        assertEquals(List.of("c", "a", "b"), ids(layout.apply(List.of(A, B, C))));
        Widget added = widget("new", false);
        // the admin put "new" first: it appears first, the user's order of the others stays
        assertEquals(List.of("new", "c", "a", "b"), ids(layout.apply(List.of(added, A, B, C))));
        // the admin removed "a": it vanishes
        assertEquals(List.of("c", "b"), ids(layout.apply(List.of(B, C))));
    }

    @Test
    void roundTripsThroughJsonAndForgetsIdsOfOtherPages() {
        PersonalLayout layout = new PersonalLayout(Set.of("b"), Set.of("extra"), List.of("c", "a", "gone"));
        assertEquals(layout, PersonalLayout.fromJson(layout.toJson()));
        PersonalLayout kept = layout.keepOnly(List.of("a", "b", "c"));
        assertEquals(new PersonalLayout(Set.of("b"), Set.of(), List.of("c", "a")), kept);
    }

    @Test
    void unreadableJsonIsNoLayout() {
        assertEquals(PersonalLayout.NONE, PersonalLayout.fromJson("not json"));
        assertEquals(PersonalLayout.NONE, PersonalLayout.fromJson("{\"hidden\": 3}"));
    }
}

package org.portico.web.page;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What one user changed on a page, as differences from the admin's layout so that the admin's later changes still
 * reach them: the default widgets they hid, the optional widgets they added, and the order they dragged them into.
 * Ids of widgets that no longer exist are simply ignored; widgets the admin adds later appear at the admin's place.
 * Immutable.
 *
 * @param hidden ids of default widgets the user does not want to see
 * @param added  ids of optional widgets the user wants to see
 * @param order  ids in the user's order; widgets not named keep their place from the admin's order
 */
public record PersonalLayout(Set<String> hidden, Set<String> added, List<String> order) {

    public static final PersonalLayout NONE = new PersonalLayout(Set.of(), Set.of(), List.of());
    /** At most this many ids in each part: a layout names widgets of one page, which has at most 40. */
    static final int MAX_IDS = PageRules.MAX_WIDGETS;

    public PersonalLayout {
        hidden = Set.copyOf(hidden);
        added = Set.copyOf(added);
        order = List.copyOf(new LinkedHashSet<>(order));
    }

    public boolean isNone() {
        return hidden.isEmpty() && added.isEmpty() && order.isEmpty();
    }

    /**
     * The widgets the user sees, in their order.
     *
     * @param offered the page's widgets this user may see at all (roles and availability already applied), in the
     *                admin's order
     */
    public List<Widget> apply(List<Widget> offered) {
        List<Widget> shown = offered.stream()
                .filter(widget -> widget.optional() ? added.contains(widget.id()) : !hidden.contains(widget.id()))
                .toList();
        if (order.isEmpty()) {
            return shown;
        }
        Map<String, Widget> byId = shown.stream().collect(Collectors.toMap(Widget::id, Function.identity()));
        List<Widget> result = new ArrayList<>();
        order.stream().map(byId::get).filter(widget -> widget != null).forEach(result::add);
        for (int i = 0; i < shown.size(); i++) {
            Widget widget = shown.get(i);
            if (!order.contains(widget.id())) {
                result.add(Math.min(i, result.size()), widget);
            }
        }
        return result;
    }

    /** The widgets of {@code offered} the user could add: optional ones not added and default ones hidden. */
    public List<Widget> addable(List<Widget> offered) {
        return offered.stream()
                .filter(widget -> widget.optional() ? !added.contains(widget.id()) : hidden.contains(widget.id()))
                .toList();
    }

    public PersonalLayout hide(Widget widget) {
        Set<String> newHidden = new LinkedHashSet<>(hidden);
        Set<String> newAdded = new LinkedHashSet<>(added);
        if (widget.optional()) {
            newAdded.remove(widget.id());
        } else {
            newHidden.add(widget.id());
        }
        return new PersonalLayout(newHidden, newAdded, order);
    }

    public PersonalLayout add(Widget widget) {
        Set<String> newHidden = new LinkedHashSet<>(hidden);
        Set<String> newAdded = new LinkedHashSet<>(added);
        if (widget.optional()) {
            newAdded.add(widget.id());
        } else {
            newHidden.remove(widget.id());
        }
        return new PersonalLayout(newHidden, newAdded, order);
    }

    public PersonalLayout reorder(List<String> newOrder) {
        return new PersonalLayout(hidden, added, newOrder);
    }

    /** Forgets ids that are not widgets of the page any more, so that a layout never grows beyond its page. */
    public PersonalLayout keepOnly(Collection<String> widgetIds) {
        return new PersonalLayout(
                hidden.stream().filter(widgetIds::contains).collect(Collectors.toSet()),
                added.stream().filter(widgetIds::contains).collect(Collectors.toSet()),
                order.stream().filter(widgetIds::contains).limit(MAX_IDS).toList());
    }

    public String toJson() {
        return JSON.createObjectBuilder()
                .add("hidden", JSON.createArrayBuilder(hidden.stream().sorted().toList()))
                .add("added", JSON.createArrayBuilder(added.stream().sorted().toList()))
                .add("order", JSON.createArrayBuilder(order))
                .build().toString();
    }

    /** The layout stored as {@link #toJson()}; {@link #NONE} for anything unreadable (it is only a preference). */
    public static PersonalLayout fromJson(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return new PersonalLayout(new LinkedHashSet<>(ids(object, "hidden")), new LinkedHashSet<>(ids(object, "added")),
                    ids(object, "order"));
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    private static List<String> ids(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(item -> ((JsonString) item).getString())
                .limit(MAX_IDS).toList();
    }
}

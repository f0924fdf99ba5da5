package org.portico.web.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.portico.web.problem.FieldMessage;
import org.portico.web.user.Role;

/**
 * Every rule a page must meet, checked all at once so the editor and the API can list every problem in one answer:
 * the page's own fields, then each widget's (placed as {@code widgets/<index>/<field>}), including what its
 * {@link WidgetType} says about its settings ({@code widgets/<index>/settings/<key>}).
 */
public final class PageRules {

    public static final int MAX_WIDGETS = 40;
    public static final int MAX_TITLE = 100;
    private static final Pattern SLUG = Pattern.compile(PortalPage.SLUG_PATTERN);
    private static final Pattern WIDGET_ID = Pattern.compile(Widget.ID_PATTERN);

    private final WidgetTypes types;

    public PageRules(WidgetTypes types) {
        this.types = types;
    }

    /** The role names a page or widget may name: Portico's roles and guests. */
    public static Set<String> knownRoles() {
        Set<String> known = new HashSet<>();
        for (Role role : Role.values()) {
            known.add(role.roleName());
        }
        known.add(Viewer.GUEST);
        return known;
    }

    public List<FieldMessage> check(PortalPage page) {
        List<FieldMessage> problems = new ArrayList<>();
        if (page.slug() == null || !SLUG.matcher(page.slug()).matches()) {
            problems.add(FieldMessage.of("slug", "page.rule.slug"));
        }
        checkTitle(page.title(), "title", true, problems);
        if (page.roles().isEmpty()) {
            problems.add(FieldMessage.of("roles", "page.rule.roles.empty"));
        }
        checkRoles(page.roles(), "roles", problems);
        if (page.isHome() && page.roles().contains(Viewer.GUEST)) {
            problems.add(FieldMessage.of("roles", "page.rule.roles.homeGuest"));
        }
        if (Math.abs(page.navOrder()) > 100_000) {
            problems.add(FieldMessage.of("navOrder", "page.rule.navOrder"));
        }
        if (page.widgets().size() > MAX_WIDGETS) {
            problems.add(FieldMessage.of("widgets", "page.rule.widgets.tooMany", MAX_WIDGETS));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < page.widgets().size(); i++) {
            Widget widget = page.widgets().get(i);
            String prefix = "widgets/" + i + "/";
            if (!WIDGET_ID.matcher(widget.id()).matches()) {
                problems.add(FieldMessage.of(prefix + "id", "page.rule.widget.id"));
            } else if (!ids.add(widget.id())) {
                problems.add(FieldMessage.of(prefix + "id", "page.rule.widget.idTwice", widget.id()));
            }
            problems.addAll(check(widget, prefix));
        }
        return problems;
    }

    /** One widget's problems, each field named {@code prefix + field}. */
    public List<FieldMessage> check(Widget widget, String prefix) {
        List<FieldMessage> problems = new ArrayList<>();
        checkTitle(widget.title(), prefix + "title", false, problems);
        if (widget.width() < 1 || widget.width() > Widget.FULL_WIDTH) {
            problems.add(FieldMessage.of(prefix + "width", "page.rule.widget.width"));
        }
        checkRoles(widget.roles(), prefix + "roles", problems);
        for (FieldMessage problem : types.check(widget)) {
            String field = problem.field().equals("kind") ? prefix + "kind" : prefix + "settings/" + problem.field();
            problems.add(new FieldMessage(field, problem.message(), problem.key(), problem.params()));
        }
        return problems;
    }

    private static void checkTitle(String title, String field, boolean required, List<FieldMessage> problems) {
        if (required && (title == null || title.isBlank())) {
            problems.add(FieldMessage.of(field, "page.rule.title.empty"));
        } else if (title != null && (title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl))) {
            problems.add(FieldMessage.of(field, "page.rule.title.invalid", MAX_TITLE));
        }
    }

    private static void checkRoles(Set<String> roles, String field, List<FieldMessage> problems) {
        Set<String> known = knownRoles();
        roles.stream().filter(role -> !known.contains(role)).findFirst().ifPresent(role ->
                problems.add(FieldMessage.of(field, "page.rule.roles.unknown", role)));
    }
}

package org.portico.web.page;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.problem.FieldMessage;

/**
 * The {@link WidgetType} beans by kind. A kind without a bean is unknown to this installation: its widgets are
 * refused on save and treated as unavailable when read.
 */
@ApplicationScoped
public class WidgetTypes {

    @Inject
    @Any
    Instance<WidgetType> beans;

    private final Map<WidgetKind, WidgetType> types = new EnumMap<>(WidgetKind.class);

    public WidgetTypes() {
        // for CDI
    }

    /** For tests: exactly these types. */
    public WidgetTypes(List<WidgetType> given) {
        given.forEach(type -> types.put(type.kind(), type));
    }

    @PostConstruct
    void collect() {
        beans.forEach(type -> types.put(type.kind(), type));
    }

    public Optional<WidgetType> find(WidgetKind kind) {
        return Optional.ofNullable(types.get(kind));
    }

    public List<FieldMessage> check(Widget widget) {
        return find(widget.kind()).map(type -> type.check(widget.settings()))
                .orElseGet(() -> List.of(FieldMessage.of("kind", "page.widget.kind.unknown", widget.kind().id())));
    }

    /** Whether what the widget shows still exists; a widget of an unknown kind never is. */
    public boolean available(Widget widget) {
        try {
            return find(widget.kind()).map(type -> type.available(widget.settings())).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The cache tags of what the widget shows ({@link WidgetType#cacheTags}); none for a kind that is unknown or fails. */
    public Set<CacheTag> cacheTags(Widget widget) {
        try {
            return find(widget.kind()).map(type -> type.cacheTags(widget.settings())).orElse(Set.of());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    public Set<String> frameOrigins(Widget widget) {
        return find(widget.kind()).map(type -> type.frameOrigins(widget.settings())).orElse(Set.of());
    }
}

package org.portico.web.it;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * Test WARs only, for the page editor's stories ({@link PageEditorIT}) on a branch where the widget kinds' own
 * {@link WidgetType} beans are not there yet: without a type a widget cannot be saved, so these stand in with the
 * settings rules of the design. The moment the WAR has the kind's real bean, every call goes to it instead, so the
 * stories then run against the real kinds (delete these classes once all kinds are on main).
 */
abstract class StandInWidgetType implements WidgetType {

    @Inject
    @Any
    Instance<WidgetType> types;

    /**
     * The kind's own bean, when the WAR has one. Told apart by bean class: the references are client proxies of the
     * interface, which are no instances of the stand-ins' classes.
     */
    Optional<WidgetType> real() {
        return types.handlesStream()
                .filter(handle -> !StandInWidgetType.class.isAssignableFrom(handle.getBean().getBeanClass()))
                .map(Instance.Handle::get).filter(type -> type.kind() == kind()).findFirst();
    }

    @Override
    public final List<FieldMessage> check(JsonObject settings) {
        return real().map(type -> type.check(settings)).orElseGet(() -> standInCheck(settings));
    }

    @Override
    public final boolean available(JsonObject settings) {
        return real().map(type -> type.available(settings)).orElseGet(this::standInAvailable);
    }

    abstract List<FieldMessage> standInCheck(JsonObject settings);

    /** Only a kind whose body the WAR can render (its /WEB-INF/widgets/<kind>.xhtml) may be available. */
    abstract boolean standInAvailable();
}

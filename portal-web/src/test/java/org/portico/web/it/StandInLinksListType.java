package org.portico.web.it;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

/**
 * See {@link StandInWidgetType}: a links list holds 1 to 20 links. Never available on its own: without the kind's
 * body ({@code /WEB-INF/widgets/links-list.xhtml}) the WAR cannot show it, so the editor says "no longer available".
 */
@ApplicationScoped
public class StandInLinksListType extends StandInWidgetType {

    @Override
    public WidgetKind kind() {
        return WidgetKind.LINKS_LIST;
    }

    @Override
    List<FieldMessage> standInCheck(JsonObject settings) {
        return settings.get("links") instanceof JsonArray links && !links.isEmpty() && links.size() <= 20 ? List.of()
                : List.of(new FieldMessage("links", "must hold 1 to 20 links"));
    }

    @Override
    boolean standInAvailable() {
        return false;
    }
}

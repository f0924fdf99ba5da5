package org.portico.web.it;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

/** See {@link StandInWidgetType}: a CMS block names its block ({@code {"block": "welcome"}}). */
@ApplicationScoped
public class StandInCmsBlockType extends StandInWidgetType {

    @Override
    public WidgetKind kind() {
        return WidgetKind.CMS_BLOCK;
    }

    @Override
    List<FieldMessage> standInCheck(JsonObject settings) {
        return settings.getString("block", "").matches("[a-z0-9-]{1,64}") ? List.of()
                : List.of(new FieldMessage("block", "must name a block of the CMS store"));
    }

    @Override
    boolean standInAvailable() {
        return true;
    }
}

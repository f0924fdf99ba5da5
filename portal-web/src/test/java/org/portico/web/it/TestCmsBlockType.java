package org.portico.web.it;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.portico.web.page.WidgetKind;
import org.portico.web.page.WidgetType;
import org.portico.web.problem.FieldMessage;

/**
 * Added to the WAR by the page ITs only ({@link PagesApiIT}, {@link BrowserTestBase}): the CMS block kind, so that
 * pages of CMS blocks can be saved and shown before the widget kinds' own beans are merged (a kind without a
 * {@link WidgetType} bean is refused on save and never shown). Settings {@code {"block": "welcome"}}: the block's
 * name, lowercase letters, digits and hyphens. Remove it once {@code widget.CmsBlockType} is on main.
 */
@ApplicationScoped
public class TestCmsBlockType implements WidgetType {

    @Override
    public WidgetKind kind() {
        return WidgetKind.CMS_BLOCK;
    }

    @Override
    public List<FieldMessage> check(JsonObject settings) {
        if (settings.get("block") instanceof JsonString block && block.getString().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return List.of();
        }
        return List.of(new FieldMessage("block", "must name a CMS block, such as \"welcome\""));
    }
}

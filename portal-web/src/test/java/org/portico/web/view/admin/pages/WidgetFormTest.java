package org.portico.web.view.admin.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WidgetFormTest {

    private static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    private static Widget roundTrip(Widget widget, List<FieldMessage> problems) {
        return WidgetForm.of(0, widget).toWidget(problems);
    }

    @Test
    void eachKindsSettingsSurviveTheFormWithTheDesignsKeys() {
        List<JsonObject> settings = List.of(
                json("{\"app\":\"demo-app\",\"text\":\"Invoices\",\"icon\":\"pi pi-file\",\"route\":\"invoice\",\"params\":{\"id\":\"42\"}}"),
                json("{\"app\":\"demo-app\",\"text\":\"Invoices\",\"icon\":\"pi pi-file\",\"url\":\"http://localhost/demo-app/\"}"),
                json("{\"app\":\"demo-app\",\"url\":\"http://localhost/demo-app/pane\",\"height\":420}"),
                json("{\"app\":\"demo-app\",\"url\":\"http://x/api\",\"list\":\"/items\",\"title\":\"/customer\",\"subtitle\":\"/amount\","
                        + "\"date\":\"/issued\",\"id\":\"/id\",\"route\":\"invoice\",\"param\":\"id\",\"limit\":5}"),
                json("{\"block\":\"welcome\"}"),
                json("{\"links\":[{\"label\":\"Invoice 42\",\"route\":\"invoice\",\"params\":{\"id\":\"42\"}},"
                        + "{\"label\":\"Demo app\",\"app\":\"demo-app\",\"url\":\"http://x/demo-app/\"}]}"));
        List<WidgetKind> kinds = List.of(WidgetKind.APP_TILE, WidgetKind.APP_TILE, WidgetKind.APP_PANE,
                WidgetKind.DATA_TILE, WidgetKind.CMS_BLOCK, WidgetKind.LINKS_LIST);
        for (int i = 0; i < settings.size(); i++) {
            Widget widget = new Widget("w" + i, kinds.get(i), "Title", 6, Set.of("end-user"), true, settings.get(i));
            List<FieldMessage> problems = new ArrayList<>();
            assertEquals(widget, roundTrip(widget, problems), kinds.get(i).id());
            assertTrue(problems.isEmpty());
        }
    }

    @Test
    void aNumberThatIsNotOneStaysTextForTheKindToRefuse() {
        WidgetForm form = WidgetForm.create(WidgetKind.APP_PANE);
        form.setHeight("tall");
        assertEquals("tall", form.settings(new ArrayList<>()).getString("height"));
        form.setHeight(" 300 ");
        assertEquals(300, form.settings(new ArrayList<>()).getInt("height"));
    }

    @Test
    void parameterLinesWithoutEqualsAreTheParamsFieldsProblem() {
        WidgetForm form = WidgetForm.create(WidgetKind.APP_TILE);
        form.setRoute("invoice");
        form.setParams("id=42\n\nnonsense\n year = 2026 ");
        List<FieldMessage> problems = new ArrayList<>();
        JsonObject settings = form.settings(problems);
        assertAll(
                () -> assertEquals(json("{\"id\":\"42\",\"year\":\"2026\"}"), settings.getJsonObject("params")),
                () -> assertEquals(1, problems.size()),
                () -> assertEquals("settings/params", problems.get(0).field()),
                () -> assertEquals("admin.pages.params.invalid", problems.get(0).key()));
    }

    @Test
    void aNewLinksListStartsWithOneRowAndBlankValuesAreLeftOut() {
        WidgetForm form = WidgetForm.create(WidgetKind.LINKS_LIST);
        form.getLinks().get(0).setLabel("Docs");
        form.getLinks().get(0).setTarget("app");
        form.getLinks().get(0).setApp("demo-app");
        form.getLinks().get(0).setUrl("  ");
        assertEquals(json("{\"links\":[{\"label\":\"Docs\",\"app\":\"demo-app\"}]}"), form.settings(new ArrayList<>()));
        assertTrue(form.getId().matches(Widget.ID_PATTERN));
    }
}

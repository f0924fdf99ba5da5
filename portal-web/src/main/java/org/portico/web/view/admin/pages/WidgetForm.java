package org.portico.web.view.admin.pages;

import static org.portico.web.json.Jsons.JSON;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.portico.deeplink.random.RandomIds;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.problem.FieldMessage;

/**
 * The configure dialog of one widget: the common fields and, per kind, its settings as the admin types them, turned
 * into the kind's settings JSON (keys as the design fixes them) and back. What the form itself cannot turn into JSON
 * (a parameter line without {@code =}) is a problem of the field it belongs to, named like the kind's own problems
 * ({@code settings/params}); everything else is left to {@code PageRules} and the kind's {@code WidgetType}. Numbers
 * that are not numbers stay strings, so the kind says what is wrong with them.
 */
public class WidgetForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The index of the widget in the draft, or -1 for a new one. */
    private int index = -1;
    private String id;
    private WidgetKind kind = WidgetKind.CMS_BLOCK;
    private String title = "";
    private int width = 6;
    private List<String> roles = new ArrayList<>();
    private boolean optional;

    // settings, by key; the ones several kinds share are one field
    private String app;
    private String text;
    private String icon;
    private String target = "route";
    private String route;
    private String params;
    private String url;
    private String height;
    private String list;
    private String itemTitle;
    private String subtitle;
    private String date;
    private String itemId;
    private String param;
    private String limit;
    private String block;
    private String cmsPage;
    private String source;
    private List<LinkRow> links = new ArrayList<>();

    /** A new widget of this kind. */
    static WidgetForm create(WidgetKind kind) {
        WidgetForm form = new WidgetForm();
        form.kind = kind;
        form.id = RandomIds.id();
        form.width = kind == WidgetKind.CMS_BLOCK || kind == WidgetKind.APP_PANE ? 12 : 4;
        if (kind == WidgetKind.LINKS_LIST) {
            form.links.add(new LinkRow());
        }
        if (kind == WidgetKind.APP_PANE) {
            form.height = "420";
        }
        if (kind == WidgetKind.DATA_TILE) {
            form.limit = "5";
        }
        return form;
    }

    /** The form of a placed widget. */
    static WidgetForm of(int index, Widget widget) {
        WidgetForm form = new WidgetForm();
        form.index = index;
        form.id = widget.id();
        form.kind = widget.kind();
        form.title = widget.title();
        form.width = widget.width();
        form.roles = new ArrayList<>(widget.roles());
        form.optional = widget.optional();
        JsonObject s = widget.settings();
        form.app = string(s, "app");
        form.text = string(s, "text");
        form.icon = string(s, "icon");
        form.route = string(s, "route");
        form.url = string(s, "url");
        form.target = form.url != null && form.route == null ? "url" : "route";
        form.params = lines(s.get("params"));
        form.height = string(s, "height");
        form.list = string(s, "list");
        form.itemTitle = string(s, "title");
        form.subtitle = string(s, "subtitle");
        form.date = string(s, "date");
        form.itemId = string(s, "id");
        form.param = string(s, "param");
        form.limit = string(s, "limit");
        form.block = string(s, "block");
        form.cmsPage = string(s, "page");
        form.source = string(s, "source");
        if (s.get("links") instanceof jakarta.json.JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject link) {
                    form.links.add(LinkRow.of(link.getString("label", ""), string(link, "route"),
                            lines(link.get("params")), string(link, "app"), string(link, "url")));
                }
            }
        }
        return form;
    }

    /** The widget this form describes; {@code problems} gains what the form itself cannot express. */
    Widget toWidget(List<FieldMessage> problems) {
        return new Widget(id, kind, title == null ? "" : title.strip(), width, new LinkedHashSet<>(roles), optional,
                settings(problems));
    }

    JsonObject settings(List<FieldMessage> problems) {
        JsonObjectBuilder settings = JSON.createObjectBuilder();
        switch (kind) {
            case APP_TILE -> {
                put(settings, "app", app);
                put(settings, "text", text);
                put(settings, "icon", icon);
                if ("url".equals(target)) {
                    put(settings, "url", url);
                } else {
                    put(settings, "route", route);
                    settings.add("params", params(params, "settings/params", problems));
                }
            }
            case APP_PANE -> {
                put(settings, "app", app);
                put(settings, "url", url);
                number(settings, "height", height);
            }
            case DATA_TILE -> {
                put(settings, "app", app);
                put(settings, "url", url);
                put(settings, "list", list);
                put(settings, "title", itemTitle);
                put(settings, "subtitle", subtitle);
                put(settings, "date", date);
                put(settings, "id", itemId);
                put(settings, "route", route);
                put(settings, "param", param);
                number(settings, "limit", limit);
            }
            case CMS_BLOCK -> {
                put(settings, "block", block);
                put(settings, "page", cmsPage);
                put(settings, "source", source);
            }
            case LINKS_LIST -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                for (int i = 0; i < links.size(); i++) {
                    array.add(links.get(i).toJson("settings/links/" + i + "/params", problems));
                }
                settings.add("links", array);
            }
        }
        return settings.build();
    }

    static void put(JsonObjectBuilder json, String key, String value) {
        if (value != null && !value.isBlank()) {
            json.add(key, value.strip());
        }
    }

    private static void number(JsonObjectBuilder json, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            json.add(key, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            json.add(key, value.strip());
        }
    }

    /** {@code key=value} lines as a JSON object; a line without {@code =} is a problem of {@code field}. */
    static JsonObject params(String text, String field, List<FieldMessage> problems) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (text == null) {
            return json.build();
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(FieldMessage.of(field, "admin.pages.params.invalid", line.strip()));
                continue;
            }
            json.add(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return json.build();
    }

    /** A JSON object of parameters as {@code key=value} lines. */
    static String lines(JsonValue value) {
        if (!(value instanceof JsonObject object)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String v = entry.getValue() instanceof JsonString string ? string.getString() : entry.getValue().toString();
            text.append(entry.getKey()).append('=').append(v).append('\n');
        }
        return text.toString().strip();
    }

    static String string(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return null;
    }

    void addLink() {
        links.add(new LinkRow());
    }

    void removeLink(int i) {
        if (i >= 0 && i < links.size()) {
            links.remove(i);
        }
    }

    public boolean isEditing() {
        return index >= 0;
    }

    public int getIndex() { return index; }
    public String getId() { return id; }
    public WidgetKind getKind() { return kind; }
    public String getKindId() { return kind.id(); }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public int getWidth() { return width; }
    public void setWidth(int width) { this.width = width; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles); }
    public boolean isOptional() { return optional; }
    public void setOptional(boolean optional) { this.optional = optional; }
    public String getApp() { return app; }
    public void setApp(String app) { this.app = app; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getIcon() { return icon; }
    public void setIcon(String icon) { this.icon = icon; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getRoute() { return route; }
    public void setRoute(String route) { this.route = route; }
    public String getParams() { return params; }
    public void setParams(String params) { this.params = params; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getHeight() { return height; }
    public void setHeight(String height) { this.height = height; }
    public String getList() { return list; }
    public void setList(String list) { this.list = list; }
    public String getItemTitle() { return itemTitle; }
    public void setItemTitle(String itemTitle) { this.itemTitle = itemTitle; }
    public String getSubtitle() { return subtitle; }
    public void setSubtitle(String subtitle) { this.subtitle = subtitle; }
    public String getDate() { return date; }
    public void setDate(String date) { this.date = date; }
    public String getItemId() { return itemId; }
    public void setItemId(String itemId) { this.itemId = itemId; }
    public String getParam() { return param; }
    public void setParam(String param) { this.param = param; }
    public String getLimit() { return limit; }
    public void setLimit(String limit) { this.limit = limit; }
    public String getCmsPage() { return cmsPage; }
    public void setCmsPage(String cmsPage) { this.cmsPage = cmsPage; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getBlock() { return block; }
    public void setBlock(String block) { this.block = block; }
    public List<LinkRow> getLinks() { return links; }
}

package org.portico.web.view.admin.pages;

import static org.portico.web.json.Jsons.JSON;

import java.io.Serializable;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.portico.web.problem.FieldMessage;

/** One row of a links list in the configure dialog: a label and either a route with parameters or an app URL. */
public class LinkRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private String label;
    private String target = "route";
    private String route;
    private String params;
    private String app;
    private String url;

    static LinkRow of(String label, String route, String params, String app, String url) {
        LinkRow row = new LinkRow();
        row.label = label;
        row.route = route;
        row.params = params;
        row.app = app;
        row.url = url;
        row.target = url != null && route == null ? "app" : "route";
        return row;
    }

    JsonObject toJson(String paramsField, List<FieldMessage> problems) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        WidgetForm.put(json, "label", label);
        if ("app".equals(target)) {
            WidgetForm.put(json, "app", app);
            WidgetForm.put(json, "url", url);
        } else {
            WidgetForm.put(json, "route", route);
            json.add("params", WidgetForm.params(params, paramsField, problems));
        }
        return json.build();
    }

    public String getLabel() { return label; }
    public void setLabel(String label) { this.label = label; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public String getRoute() { return route; }
    public void setRoute(String route) { this.route = route; }
    public String getParams() { return params; }
    public void setParams(String params) { this.params = params; }
    public String getApp() { return app; }
    public void setApp(String app) { this.app = app; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
}

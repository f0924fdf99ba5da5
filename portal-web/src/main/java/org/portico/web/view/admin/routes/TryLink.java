package org.portico.web.view.admin.routes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.omnifaces.util.Faces;
import org.portico.deeplink.link.LinkWindow;
import org.portico.web.link.RouteSamples;
import org.portico.web.link.StoredRoute;
import org.portico.web.link.StoredRouteParameter;

/** "Try it": a value per parameter (pre-filled where the type has an obvious one) and the link they make. */
public class TryLink implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String route;
    private final boolean newTab;
    private final boolean oneTime;
    private final List<TryValue> values = new ArrayList<>();
    /** The last minted one-time link, or null (cleared when a value changes). */
    private String minted;

    TryLink(StoredRoute stored) {
        route = stored.getName();
        newTab = stored.getWindow() == LinkWindow.NEW_TAB;
        oneTime = stored.isOneTime();
        for (StoredRouteParameter parameter : stored.getParameters()) {
            values.add(new TryValue(this, parameter,
                    RouteSamples.sampleValue(parameter).filter(v -> parameter.isRequired())));
        }
    }

    /**
     * The link under Portico's context path, e.g. {@code /link/invoice/42}; values stop at the first empty one.
     * For a one-time route: the minted link, or null until one is minted.
     */
    public String getHref() {
        if (oneTime) {
            return minted;
        }
        return Faces.getRequestContextPath() + RouteSamples.link(route, values.stream().map(TryValue::getValue).toList());
    }

    /** The non-empty values by parameter name, for minting. */
    Map<String, String> valueMap() {
        Map<String, String> map = new LinkedHashMap<>();
        values.stream().filter(v -> !v.getValue().isEmpty()).forEach(v -> map.put(v.getName(), v.getValue()));
        return map;
    }

    /** A one-time link was minted for the current values (a path under the context path), or null to forget it. */
    void minted(String path) {
        minted = path;
    }

    public boolean isOneTime() { return oneTime; }
    public String getRoute() { return route; }
    public boolean isNewTab() { return newTab; }
    public List<TryValue> getValues() { return values; }
}

package org.portico.deeplink.link;

import java.util.Objects;

/**
 * Where a route leads: a page of Portico itself, or a screen of a registered app given by a URL template.
 */
public sealed interface RouteTarget {

    /**
     * A Portico page, e.g. {@code /home.xhtml} or {@code /pages/{slug}}: a local path (starting with a single
     * {@code /}) that may hold {@code {parameter}} placeholders. No token is issued; the page is shown to the user.
     *
     * @param path the local path template
     */
    record PortalPage(String path) implements RouteTarget {
        public PortalPage {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String template() {
            return path;
        }
    }

    /**
     * A screen of a registered app, e.g. app {@code billing} with {@code https://billing.example/invoices/{id}}. The
     * expanded URL must lie under one of the app's base URLs; the user arrives with a signed link token whose
     * {@code aud} is the app's audience.
     *
     * @param appId    the registered app's id
     * @param template an absolute http(s) URL template with {@code {parameter}} placeholders
     */
    record AppUrl(String appId, String template) implements RouteTarget {
        public AppUrl {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(template, "template");
        }
    }

    /** The template with its {@code {parameter}} placeholders. */
    String template();
}

package org.portico.web.view.admin.routes;

import java.io.Serializable;

/**
 * An app in the route dialog's target select.
 *
 * @param id    the app id, the select's value
 * @param label e.g. {@code billing · Billing}, disabled apps marked, since new routes can't lead into them
 */
public record AppOption(String id, String label) implements Serializable {
}

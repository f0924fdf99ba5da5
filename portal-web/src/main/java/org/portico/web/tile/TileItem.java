package org.portico.web.tile;

import java.time.Instant;

/**
 * One item of a data tile, as mapped from the app's answer.
 *
 * @param id       the value for the route's parameter (never empty)
 * @param title    the text of the link (never empty)
 * @param subtitle a second line, or null
 * @param date     the item's instant, or null when the app gave none or none that parses
 * @param dateOnly whether the app gave a calendar day ({@code 2026-12-01}) rather than an instant
 */
public record TileItem(String id, String title, String subtitle, Instant date, boolean dateOnly) {
}

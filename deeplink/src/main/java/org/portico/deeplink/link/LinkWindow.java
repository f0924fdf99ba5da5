package org.portico.deeplink.link;

/** Where outbound links to a route open: in the same tab, or in a new one (with {@code rel="noopener"}). */
public enum LinkWindow {
    SAME_TAB,
    NEW_TAB
}

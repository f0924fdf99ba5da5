package org.portico.web.link;

import jakarta.faces.context.FacesContext;

import org.omnifaces.util.Beans;

/**
 * EL functions of the {@code portico} tag library for links to routes:
 * <pre>{@code
 * <a href="#{portico:link('invoice', 42)}">Invoice 42</a>
 * <a href="#{portico:link('report', ['2024', 'q1'])}">Q1 report</a>   <!-- several parameters, in order -->
 * <a href="#{portico:link('welcome-offer', null)}">Your offer</a>     <!-- a one-time route: a fresh ticket -->
 * }</pre>
 * The address includes the context path. For a one-time route each call mints a ticket that only the current user
 * may redeem (any user, for a guest). Use {@code <portico:deepLink>} to honour the route's window as well.
 */
public final class LinkFunctions {

    private LinkFunctions() {
    }

    /**
     * The address of a link to {@code route} for the current user.
     *
     * @param params null, one value, a list or array (in declared order) or a map (by name)
     * @throws IllegalArgumentException when there is no such route or a value is not accepted
     */
    public static String link(String route, Object params) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getRemoteUser();
        return faces.getExternalContext().getRequestContextPath()
                + Links.INSTANCE.build(route, params, user, null).path();
    }

    /** Whether links to {@code route} open in a new tab; false when there is no such route. */
    public static boolean newTab(String route) {
        return Links.INSTANCE.find(route)
                .map(r -> r.window() == org.portico.deeplink.link.LinkWindow.NEW_TAB).orElse(false);
    }

    /**
     * The application's {@link OutboundLinks} (its client proxy), looked up once, on first use: {@code CDI.current()}
     * walks the caller's stack on every call (Weld), and a page of links calls these functions for each of them.
     */
    private static final class Links {
        static final OutboundLinks INSTANCE = Beans.getReference(OutboundLinks.class);
    }
}

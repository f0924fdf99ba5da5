package org.portico.web.view.widget;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.omnifaces.util.Faces;

import org.portico.web.i18n.Texts;
import org.portico.web.link.LinkPage;
import org.portico.web.link.OutboundLinks;
import org.portico.web.page.Pages;
import org.portico.web.page.Viewer;
import org.portico.web.page.Widget;
import org.portico.web.security.CurrentUser;
import org.portico.web.widget.AppTileType;
import org.portico.web.widget.ShownLink;
import org.portico.web.widget.WidgetLinks;

/**
 * What the app tile's and the links list's bodies show ({@code WEB-INF/widgets/app-tile.xhtml},
 * {@code links-list.xhtml}): {@code #{widgetLinks.links(widget)}}, the links this viewer may follow now (those whose
 * route or app vanished, or whose route needs a role the viewer lacks, are left out), and the click on a one-time
 * route's button ({@link #open}).
 * <p>
 * A one-time route's link is never rendered: its ticket is minted when the button is clicked (a Faces post, its view
 * state bound to this session, so another site cannot make it), like the home page's one-time sample, so showing a
 * page stores nothing.
 */
@Named("widgetLinks")
@RequestScoped
public class WidgetLinksBacking {

    @Inject
    WidgetLinks links;

    @Inject
    OutboundLinks outbound;

    @Inject
    Pages pages;

    @Inject
    Viewer viewer;

    @Inject
    CurrentUser currentUser;

    private final Map<String, List<ShownLink>> shown = new HashMap<>();
    private final Set<String> gone = new HashSet<>();

    /** The widget's links this viewer may follow now, in their order. */
    public List<ShownLink> links(Widget widget) {
        return shown.computeIfAbsent(widget.id(), id -> links.links(widget).stream()
                .filter(link -> link.mayFollow(viewer.roles())).toList());
    }

    /** An app tile's link, or null when this viewer has none to follow (the tile then shows no link). */
    public ShownLink tile(Widget widget) {
        List<ShownLink> tile = links(widget);
        return tile.isEmpty() ? null : tile.get(0);
    }

    /** Whether one of the widget's links is a one-time route's button (the body then needs a form). */
    public boolean anyOneTime(Widget widget) {
        return links(widget).stream().anyMatch(ShownLink::oneTime);
    }

    /** The name of the tile's app, empty when it is gone. */
    public String appName(Widget widget) {
        return links.appName(setting(widget.settings(), "app")).orElse("");
    }

    /** The tile's PrimeIcons class, empty when it has none (or one that is not a PrimeIcons class). */
    public String icon(Widget widget) {
        return AppTileType.icon(widget.settings());
    }

    /** The tile's text, empty when it has none. */
    public String text(Widget widget) {
        String text = setting(widget.settings(), "text");
        return text == null ? "" : text;
    }

    /** What the tile's link says: "Open Demo app". */
    public String openLabel(Widget widget) {
        return Texts.format(Faces.getLocale(), "widget.tile.open", appName(widget));
    }

    /** Whether the last click on one of this widget's buttons found its link gone (the body then says so). */
    public boolean gone(Widget widget) {
        return gone.contains(widget.id());
    }

    /**
     * The click on a one-time route's button: finds the widget again as this viewer may see it (never trusting the
     * page that was posted), mints a ticket only the current user may redeem and answers with the page that goes on to
     * the link by itself. A link that is no longer offered (widget, route or app gone, the route changed) mints
     * nothing and says so in the widget.
     *
     * @param widgetId the widget's id
     * @param index    the link's index in the widget's settings
     * @return the page to show
     */
    public String open(String widgetId, int index) {
        Optional<Widget> widget = pages.visibleWidget(widgetId, viewer.roles());
        Optional<ShownLink> link = widget.flatMap(w -> links(w).stream()
                .filter(l -> l.index() == index && l.oneTime()).findFirst());
        if (link.isEmpty()) {
            gone.add(widgetId);
            return null;
        }
        OutboundLinks.Built built;
        try {
            built = outbound.build(link.get().route(), link.get().params(), currentUser.getUsername(), null);
        } catch (IllegalArgumentException e) { // the route's parameters changed since the links were read
            gone.add(widgetId);
            return null;
        }
        // The answer holds the ticket: never kept by a cache.
        Faces.getResponse().setHeader("Cache-Control", "no-store");
        String label = link.get().label() != null ? link.get().label() : openLabel(widget.get());
        LinkPage.continueTo(Faces.getRequest(), Faces.getRequestContextPath() + built.path(), label);
        return LinkPage.CONTINUE_PAGE;
    }

    private static String setting(JsonObject settings, String key) {
        return settings != null && settings.get(key) instanceof JsonString text ? text.getString() : null;
    }
}

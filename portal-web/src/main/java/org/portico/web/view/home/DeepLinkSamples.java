package org.portico.web.view.home;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

import org.portico.deeplink.link.LinkRoute;
import org.portico.web.i18n.Texts;
import org.portico.web.link.LinkPage;
import org.portico.web.link.OutboundLinks;
import org.portico.web.security.CurrentUser;

/**
 * The home page's "Try a deep link" list: a few links to the demo routes, only those that exist, are enabled and
 * that the user may follow (so a deleted or changed demo route simply drops out): {@code #{deepLinkSamples.samples}}.
 * A one-time route's link is not rendered: the sample is a form button, and its ticket is minted when the user clicks
 * it ({@link #open}), so that showing the home page stores nothing.
 */
@Named
@RequestScoped
public class DeepLinkSamples {

    /**
     * One sample link.
     *
     * @param id     the element id
     * @param label  the bundle key of what the link says
     * @param route  the route name
     * @param params its parameters, in declared order
     */
    public record Sample(String id, String label, String route, List<String> params) {
    }

    static final List<Sample> DEMO = List.of(
            new Sample("try-invoice", "home.samples.invoice", "invoice", List.of("42")),
            new Sample("try-customer", "home.samples.customer", "customer",
                    List.of("123e4567-e89b-12d3-a456-426614174000")),
            new Sample("try-report", "home.samples.report", "report", List.of("week")),
            new Sample("try-ticket", "home.samples.ticket", "ticket", List.of("OPS-42")),
            new Sample("try-offer", "home.samples.offer", "welcome-offer", List.of()));

    @Inject
    OutboundLinks links;

    @Inject
    CurrentUser currentUser;

    private List<Sample> samples;

    public List<Sample> getSamples() {
        if (samples == null) {
            samples = DEMO.stream().filter(sample -> route(sample).isPresent()).toList();
        }
        return samples;
    }

    /** What the sample's link says, in the page's language. */
    public String label(Sample sample) {
        return Texts.format(Faces.getLocale(), sample.label());
    }

    /** Whether the sample leads to a one-time route: a button that mints its ticket when clicked. */
    public boolean oneTime(Sample sample) {
        return links.find(sample.route()).map(LinkRoute::oneTime).orElse(false);
    }

    /**
     * The click on a one-time sample, a Faces form post (its view state belongs to this session, so another site
     * cannot make it): mints a ticket that only the current user may redeem and answers with the page that goes on to
     * the link by itself. A sample that is no longer offered (its route deleted, switched off or changed since the
     * page was shown) mints nothing and says so on the home page.
     *
     * @param id the sample's id
     * @return the page to show
     */
    public String open(String id) {
        Optional<Sample> sample = getSamples().stream().filter(s -> s.id().equals(id)).findFirst();
        if (sample.isEmpty() || !oneTime(sample.get())) {
            Messages.addGlobalError("home.samples.gone");
            return null;
        }
        OutboundLinks.Built built;
        try {
            built = links.build(sample.get().route(), sample.get().params(), currentUser.getUsername(), null);
        } catch (IllegalArgumentException e) { // the route's parameters were changed since the page was shown
            Messages.addGlobalError("home.samples.gone");
            return null;
        }
        // The answer holds the ticket: never kept by a cache.
        Faces.getResponse().setHeader("Cache-Control", "no-store");
        LinkPage.continueTo(Faces.getRequest(), Faces.getRequestContextPath() + built.path(),
                label(sample.get()));
        return LinkPage.CONTINUE_PAGE;
    }

    /** The sample's route, when it is enabled, takes the sample's parameters and this user may follow it. */
    private Optional<LinkRoute> route(Sample sample) {
        return links.find(sample.route())
                .filter(route -> route.enabled() && route.parameters().size() >= sample.params().size())
                .filter(route -> route.roles().isEmpty() || route.roles().stream().anyMatch(currentUser::hasRole));
    }
}

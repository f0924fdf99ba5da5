package org.portico.web.view.home;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.web.link.OutboundLinks;
import org.portico.web.security.CurrentUser;

/**
 * The home page's "Try a deep link" list: a few links to the demo routes, only those that exist, are enabled and
 * that the user may follow (so a deleted or changed demo route simply drops out): {@code #{deepLinkSamples.samples}}.
 */
@Named
@RequestScoped
public class DeepLinkSamples {

    /**
     * One sample link.
     *
     * @param id     the element id
     * @param label  what the link says
     * @param route  the route name
     * @param params its parameters, in declared order
     */
    public record Sample(String id, String label, String route, List<String> params) {
    }

    static final List<Sample> DEMO = List.of(
            new Sample("try-invoice", "Invoice 42 in the demo app", "invoice", List.of("42")),
            new Sample("try-customer", "A customer (opens in a new tab)", "customer",
                    List.of("123e4567-e89b-12d3-a456-426614174000")),
            new Sample("try-report", "This week's report", "report", List.of("week")),
            new Sample("try-ticket", "Support ticket OPS-42", "ticket", List.of("OPS-42")),
            new Sample("try-offer", "Your one-time welcome offer", "welcome-offer", List.of()));

    @Inject
    OutboundLinks links;

    @Inject
    CurrentUser currentUser;

    private List<Sample> samples;

    public List<Sample> getSamples() {
        if (samples == null) {
            samples = DEMO.stream().filter(sample -> links.find(sample.route())
                    .filter(route -> route.enabled() && route.parameters().size() >= sample.params().size())
                    .filter(route -> route.roles().isEmpty() || route.roles().stream().anyMatch(currentUser::hasRole))
                    .isPresent()).toList();
        }
        return samples;
    }
}

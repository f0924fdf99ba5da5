package org.portico.web.it;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.link.LinkOutcome;
import org.portico.web.link.LinkResolved;
import org.portico.web.link.analytics.LinkAnalytics;

/**
 * Test WARs only: fires {@link LinkResolved} the way link following does (synchronously, on the request thread),
 * at chosen instants and outcomes that real hops cannot produce, for the HTTP and browser tests of the link analytics.
 * {@code POST /it/link-events} with {@code route}, {@code outcome} (a code such as {@code bad_signature}),
 * {@code at} (an instant), {@code count}, optional {@code app} and {@code user}; {@code flush=false} leaves the
 * events queued. Answers with how many events the writer has pending.
 */
@WebServlet("/it/link-events")
public class LinkEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Event<LinkResolved> resolved;

    @Inject
    LinkAnalytics analytics;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LinkOutcome outcome;
        Instant at;
        int count;
        try {
            outcome = LinkOutcome.valueOf(request.getParameter("outcome").toUpperCase(java.util.Locale.ROOT));
            at = Instant.parse(request.getParameter("at"));
            count = Integer.parseInt(request.getParameter("count"));
        } catch (RuntimeException e) {
            response.sendError(400, "outcome, at and count are required: " + e.getMessage());
            return;
        }
        for (int i = 0; i < count; i++) {
            resolved.fire(new LinkResolved(at, request.getParameter("route"), outcome, request.getParameter("app"),
                    request.getParameter("user")));
        }
        if (!"false".equals(request.getParameter("flush"))) {
            analytics.flush();
        }
        response.setContentType("text/plain");
        response.getWriter().print(analytics.stats().pending());
    }
}

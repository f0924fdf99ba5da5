package org.portico.web.view.error;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.filter.CorrelationIds;
import org.portico.web.filter.ErrorFilter;

/**
 * Backs the error pages. For a server error it logs the exception once, with the correlation id that the page
 * shows, so that a user's report ("error id 7Q2K-…") leads straight to the log line.
 */
@Named
@RequestScoped
public class ErrorPage {

    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Inject
    FacesContext faces;

    private String correlationId;

    /**
     * Restricted pages answer exactly like missing ones, so that nobody learns which admin pages exist:
     * the container's 403 is turned into a 404 here.
     */
    public void notFound() {
        faces.getExternalContext().setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }

    /**
     * Shows the correlation id of the failure. {@link ErrorFilter} has logged it already; a failure that reached
     * this page another way (an ajax request, a {@code sendError(500)}) is logged here, once, with a fresh id.
     */
    public void serverError() {
        faces.getExternalContext().setResponseStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        var request = faces.getExternalContext().getRequestMap();
        correlationId = (String) request.get(ErrorFilter.ERROR_ID);
        if (correlationId == null) {
            Throwable failure = (Throwable) request.get(RequestDispatcher.ERROR_EXCEPTION);
            String uri = String.valueOf(request.get(RequestDispatcher.ERROR_REQUEST_URI));
            correlationId = CorrelationIds.next();
            request.put(ErrorFilter.ERROR_ID, correlationId);
            LOG.log(Level.SEVERE, failure, () -> "Error id " + correlationId + ": request " + uri + " failed");
        }
    }

    /**
     * Where the "page expired" page's "open it again" link leads: the path of the request that failed, when it is
     * a local path on Portico, else the home page. The raw request URI is the client's own text: a request for
     * {@code //evil.example/x.xhtml} must not turn into a link to another site.
     */
    public String getRetryTarget() {
        var external = faces.getExternalContext();
        Object uri = external.getRequestMap().get(RequestDispatcher.ERROR_REQUEST_URI);
        return retryTarget(uri instanceof String s ? s : null, external.getRequestContextPath());
    }

    /** The local path {@code requestUri} names, or the application's root when it is missing or not local. */
    static String retryTarget(String requestUri, String contextPath) {
        return RedirectGuard.localOnly().findLocalTarget(requestUri).orElse(contextPath + "/");
    }

    public String getCorrelationId() {
        return Optional.ofNullable(correlationId).orElse("");
    }
}

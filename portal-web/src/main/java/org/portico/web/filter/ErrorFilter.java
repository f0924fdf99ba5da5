package org.portico.web.filter;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The last line for exceptions that escape a page: each is logged exactly once, with a correlation id that the
 * error page shows, and the person gets a page instead of a stack trace. A stale or forged form post (expired
 * view, PrimeFaces CSP nonce mismatch) is the user's stale tab, not our bug: it gets the "page expired" page
 * with 400 and no stack trace in the log.
 */
@WebFilter(filterName = "ErrorFilter", urlPatterns = "/*", asyncSupported = true)
public class ErrorFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorFilter.class.getName());

    /** Request attribute holding the correlation id of the failure being shown. */
    public static final String ERROR_ID = "org.portico.errorId";

    static final String SERVER_ERROR_PAGE = "/WEB-INF/errors/server-error.xhtml";
    static final String EXPIRED_PAGE = "/WEB-INF/errors/expired.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (isStaleForm(e)) {
                LOG.fine(() -> "Stale or forged form post to " + request.getRequestURI() + ": " + e);
                show(request, response, EXPIRED_PAGE, HttpServletResponse.SC_BAD_REQUEST, e, null);
                return;
            }
            String id = CorrelationIds.next();
            LOG.log(Level.SEVERE, e, () -> "Error id " + id + ": " + request.getMethod() + " " + request.getRequestURI() + " failed");
            if (response.isCommitted()) {
                return; // too late for an error page; the log line has it all
            }
            show(request, response, SERVER_ERROR_PAGE, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e, id);
        }
    }

    private static void show(HttpServletRequest request, HttpServletResponse response, String page, int status,
                             Throwable failure, String id) throws ServletException, IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(status);
        request.setAttribute(ERROR_ID, id);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        request.getRequestDispatcher(page).forward(request, response);
    }

    static boolean isStaleForm(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException || cause.getClass().getName().equals("org.primefaces.csp.CspException")) {
                return true;
            }
        }
        return false;
    }
}

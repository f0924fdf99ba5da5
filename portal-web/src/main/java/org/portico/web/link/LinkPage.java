package org.portico.web.link;

import java.io.Serializable;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.deeplink.link.LinkOutcome;

/**
 * Backs the pages link following shows instead of a redirect: the friendly page of a bad link and the harmless page
 * for HEAD requests and link prefetchers. {@link LinkServlet} puts a {@link View} into the request and forwards;
 * {@code #{linkPage}} reads it and sets the status.
 */
@Named
@RequestScoped
public class LinkPage implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = LinkPage.class.getName() + ".view";
    static final String SWITCH_ATTRIBUTE = LinkPage.class.getName() + ".switch";
    static final String CONTINUE_ATTRIBUTE = LinkPage.class.getName() + ".continue";

    /** The page that goes on to a link's target by itself ({@link #continueTo}). */
    public static final String CONTINUE_PAGE = "/WEB-INF/links/continue.xhtml";

    @Inject
    transient FacesContext faces;

    /**
     * What the page says.
     *
     * @param status  the HTTP status
     * @param outcome the outcome's code ({@code expired}, …), or {@code preview}
     * @param title   the heading
     * @param message what happened
     * @param advice  what to do now
     * @param openUrl for a preview: the link itself, to open in a browser; else null
     */
    public record View(int status, String outcome, String title, String message, String advice, String openUrl)
            implements Serializable {
    }

    /**
     * The question a sign-on link for another user asks ({@code switch.xhtml}).
     *
     * @param current     the logged-in user's display name
     * @param currentUser the logged-in user's username
     * @param next        the display name of the user the link signs in
     * @param nextUser    that user's username
     * @param appName     the app that signed the link
     * @param choice      the id of the open question (see {@link SignOnChoices}), posted back with the answer
     */
    public record Switch(String current, String currentUser, String next, String nextUser, String appName,
                         String choice) implements Serializable {
    }

    /**
     * Where {@code continue.xhtml} goes on to by itself (a meta refresh, and a plain link for browsers that do not
     * refresh).
     *
     * @param target the address, absolute or with the context path
     * @param name   what is opened (an app's or a link's name), for the heading and the link
     */
    public record Continue(String target, String name) implements Serializable {
    }

    /**
     * Shows {@code continue.xhtml} in answer to this request: a new navigation to {@code target} instead of a
     * redirect, for answers to form posts (browsers apply the posting page's CSP {@code form-action 'self'} to every
     * redirect that follows the post, so a redirect on into an app on another origin would be blocked).
     */
    public static void continueTo(jakarta.servlet.ServletRequest request, String target, String name) {
        request.setAttribute(CONTINUE_ATTRIBUTE, new Continue(target, name));
    }

    static View problem(LinkOutcome outcome, int status, String message) {
        return new View(status, outcome.code(), title(outcome), message, advice(outcome), null);
    }

    /** The page that asks whether to switch to the user a sign-on link names. */
    static View switchUser(String next) {
        return new View(200, "switch", "Continue as " + next + "?", "", "", null);
    }

    static View preview(String description, String appName, String openUrl) {
        String opens = appName == null ? "This link opens a page of Portico" : "This link opens " + appName;
        return new View(200, "preview", "Open this link in your browser",
                opens + (description == null || description.isBlank() ? "." : ": " + description),
                "It was not opened yet: links are only followed for people, not for mail scanners or previews.",
                openUrl);
    }

    /** The heading of the page (and the problem's title) for each outcome. */
    static String title(LinkOutcome outcome) {
        return switch (outcome) {
            case UNKNOWN_ROUTE -> "Link not found";
            case INVALID_PARAMETER -> "This link is not complete";
            case DENIED -> "You can't open this link";
            case EXPIRED -> "This link has expired";
            case REPLAYED -> "This link was already used";
            case BAD_SIGNATURE -> "This link is not valid";
            case OK -> "Link opened";
        };
    }

    private static String advice(LinkOutcome outcome) {
        return switch (outcome) {
            case UNKNOWN_ROUTE -> "Check that you have the whole link, or go back to where you found it.";
            case INVALID_PARAMETER, BAD_SIGNATURE -> "Copy the whole link again, or ask whoever sent it for a new one.";
            case DENIED -> "If you need it, ask your administrator for access.";
            case EXPIRED, REPLAYED -> "Ask whoever sent it for a new link.";
            case OK -> "";
        };
    }

    public View getView() {
        Object view = faces.getExternalContext().getRequestMap().get(ATTRIBUTE);
        return view instanceof View v ? v : problem(LinkOutcome.UNKNOWN_ROUTE, 404, "There is no link here.");
    }

    public Switch getSwitchView() {
        Object view = faces.getExternalContext().getRequestMap().get(SWITCH_ATTRIBUTE);
        return view instanceof Switch s ? s : null;
    }

    public Continue getContinueView() {
        Object view = faces.getExternalContext().getRequestMap().get(CONTINUE_ATTRIBUTE);
        return view instanceof Continue c ? c : null;
    }

    /** preRenderView: the page answers with its view's status. */
    public void applyStatus() {
        faces.getExternalContext().setResponseStatus(getView().status());
    }
}

package org.portico.web.link;

import java.io.Serializable;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.deeplink.link.LinkMessage;
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

    private View view;

    /**
     * What the page says, in the page's language.
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

    /**
     * What a page will say, as message keys: {@link LinkServlet} decides it before the page's language is known, and
     * {@link #getView()} says it in the view's locale.
     */
    record Pending(int status, String outcome, LinkMessage title, LinkMessage message, LinkMessage advice,
                   String openUrl) implements Serializable {
    }

    static Pending problem(LinkOutcome outcome, int status, LinkMessage message) {
        return new Pending(status, outcome.code(), title(outcome), message, advice(outcome), null);
    }

    /** The page that asks whether to switch to the user a sign-on link names. */
    static Pending switchUser(String next) {
        return new Pending(200, "switch", LinkMessage.of("link.switch.title", next), null, null, null);
    }

    static Pending preview(String description, String appName, String openUrl) {
        boolean described = description != null && !description.isBlank();
        LinkMessage opens = appName == null
                ? described ? LinkMessage.of("link.preview.page.described", description)
                : LinkMessage.of("link.preview.page")
                : described ? LinkMessage.of("link.preview.app.described", appName, description)
                : LinkMessage.of("link.preview.app", appName);
        return new Pending(200, "preview", LinkMessage.of("link.preview.title"), opens,
                LinkMessage.of("link.preview.advice"), openUrl);
    }

    /** The heading of the page (and the problem's title) for each outcome. */
    static LinkMessage title(LinkOutcome outcome) {
        return LinkMessage.of("link.title." + outcome.code());
    }

    private static LinkMessage advice(LinkOutcome outcome) {
        return LinkMessage.of(switch (outcome) {
            case UNKNOWN_ROUTE -> "link.advice.unknown_route";
            case INVALID_PARAMETER, BAD_SIGNATURE -> "link.advice.invalid";
            case DENIED -> "link.advice.denied";
            case EXPIRED, REPLAYED -> "link.advice.gone";
            case OK -> "link.advice.ok";
        });
    }

    /** What the page says, in the view's language. */
    public View getView() {
        if (view == null) {
            Object pending = faces.getExternalContext().getRequestMap().get(ATTRIBUTE);
            Pending page = pending instanceof Pending p ? p
                    : problem(LinkOutcome.UNKNOWN_ROUTE, 404, LinkMessage.of("link.nothing-here"));
            Locale locale = faces.getViewRoot().getLocale();
            view = new View(page.status(), page.outcome(), say(locale, page.title()), say(locale, page.message()),
                    say(locale, page.advice()), page.openUrl());
        }
        return view;
    }

    private static String say(Locale locale, LinkMessage message) {
        return message == null ? "" : LinkMessages.format(locale, message);
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

package org.portico.web.language;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.settings.PorticoIssuer;
import org.portico.web.security.BrowserOrigin;

/**
 * {@code POST /language} ({@code lang=de&return=/portico/home.xhtml}): the language switch of the page frame. Checks
 * everything first — the post comes from a Portico page ({@link BrowserOrigin}), the language is one Portico speaks,
 * the way back is a local path — and only then remembers the choice: in the {@value Languages#COOKIE} cookie (a year,
 * HttpOnly; SameSite and Secure come from undertow-handlers.conf) and, for a logged-in user, on the account, so it
 * follows them to another device. Answers 303 to the page the switch was on. A refused post changes nothing and gets
 * the friendly "not accepted" page (403 from another site, 400 for a language or address Portico does not know).
 * A GET is 405 (the not-found page): a link must never change anything.
 */
@WebServlet(name = "LanguageServlet", urlPatterns = LanguageServlet.PATH)
public class LanguageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    public static final String PATH = "/language";
    static final String REFUSED_PAGE = "/WEB-INF/errors/bad-request.xhtml";
    static final Duration COOKIE_LIFETIME = Duration.ofDays(365);
    private static final RedirectGuard LOCAL_ONLY = RedirectGuard.localOnly();

    @Inject
    transient PorticoIssuer portico;

    @Inject
    transient AccountLanguages accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        response.setHeader("Cache-Control", "no-store");
        if (!BrowserOrigin.isOwn(request, portico.url())) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        Optional<Locale> language = Languages.find(request.getParameter("lang"));
        String back = request.getParameter("return");
        Optional<String> target = back == null ? Optional.of(request.getContextPath() + "/") : LOCAL_ONLY.findLocalTarget(back);
        if (language.isEmpty() || target.isEmpty()) {
            refuse(request, response, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }

        Cookie cookie = new Cookie(Languages.COOKIE, language.get().getLanguage());
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge((int) COOKIE_LIFETIME.toSeconds());
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        if (request.getUserPrincipal() != null) {
            accounts.remember(request.getUserPrincipal().getName(), language.get());
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", target.get());
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException, ServletException {
        response.setStatus(status);
        request.getRequestDispatcher(REFUSED_PAGE).forward(request, response);
    }
}

package org.portico.web.language;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.portico.deeplink.redirect.RedirectGuard;
import org.portico.web.user.UserAccount;
import org.portico.web.security.CurrentUser;

/**
 * The language of the current request, {@code #{language}}: the layout's {@code <f:view locale="#{language.locale}">}
 * and {@code <html lang>}, and the user menu's choice. Servlets that write HTML themselves inject it too, so every page
 * of a request speaks the same language. See {@link Languages} for the rule.
 */
@Named("language")
@RequestScoped
public class LanguageChoice {

    private static final RedirectGuard LOCAL_ONLY = RedirectGuard.localOnly();

    @Inject
    HttpServletRequest request;

    @Inject
    CurrentUser currentUser;

    private Locale locale;

    /** One of {@link Languages#SUPPORTED}. */
    public Locale getLocale() {
        if (locale == null) {
            String account = currentUser.isLoggedIn()
                    ? currentUser.find().map(UserAccount::getPreferredLanguage).orElse(null)
                    : null;
            locale = Languages.choose(account, cookie(request), request.getHeader("Accept-Language"));
        }
        return locale;
    }

    /** The BCP 47 tag for {@code <html lang>}: {@code en}, {@code de}. */
    public String getTag() {
        return getLocale().toLanguageTag();
    }

    /** The languages to offer, each named in its own language (a German speaker looks for "Deutsch"). */
    public List<Option> getOptions() {
        return Languages.SUPPORTED.stream()
                .map(language -> new Option(language.getLanguage(), language.getDisplayLanguage(language),
                        language.equals(getLocale())))
                .toList();
    }

    /**
     * Where the switch leads back to: the address the browser shows (for an error or link page that Portico forwarded
     * to, the original one), when it is a local path; else the application's root.
     */
    public String getReturnTo() {
        String uri = attribute(RequestDispatcher.ERROR_REQUEST_URI);
        String query = null;
        if (uri == null) {
            uri = attribute(RequestDispatcher.FORWARD_REQUEST_URI);
            query = attribute(RequestDispatcher.FORWARD_QUERY_STRING);
        }
        if (uri == null) {
            uri = request.getRequestURI();
            query = request.getQueryString();
        }
        String root = request.getContextPath() + "/";
        if (uri.equals(request.getContextPath() + LanguageServlet.PATH)) {
            return root; // the page of a refused switch: going back there would be a GET of the switch
        }
        return LOCAL_ONLY.findLocalTarget(query == null ? uri : uri + "?" + query).orElse(root);
    }

    private String attribute(String name) {
        return request.getAttribute(name) instanceof String value ? value : null;
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (Languages.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * A language the user menu offers.
     *
     * @param tag     what the switch posts ({@code de})
     * @param name    the language's own name ({@code Deutsch})
     * @param current whether the page is in it
     */
    public record Option(String tag, String name, boolean current) {
    }
}

package org.portico.web.proxy;

/**
 * The small pages the proxy answers itself, on the proxy origin where Portico's Faces pages are never served: what
 * went wrong in words a person understands, a way back to Portico, never a stack trace. Pure; every value is escaped.
 */
public final class ProxyPages {

    /** The pages' policy: no script, no framing by anyone, nothing loaded. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ProxyPages() {
    }

    /** The proxy page for a status: a title, one paragraph and a link back to Portico. */
    public static String page(String title, String text, String porticoUrl) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " – Portico</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;"
                + "color:#1f2933}h1{font-size:1.5rem}a{color:#1d4ed8}</style></head><body><main id=\"content\">"
                + "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>"
                + "<p><a id=\"back\" href=\"" + escape(porticoUrl) + "/home.xhtml\">Back to Portico</a></p>"
                + "</main></body></html>\n";
    }

    public static String notFound(String porticoUrl) {
        return page("Page not found", "There is no app here that Portico serves. It may have been removed or"
                + " switched off; ask your administrator if you need it.", porticoUrl);
    }

    public static String upstreamDown(String appName, String porticoUrl) {
        return page(appName + " is not answering", appName + " could not be reached just now, or took too long"
                + " to answer. Please try again in a moment.", porticoUrl);
    }

    public static String hopRefused(String porticoUrl) {
        return page("This sign-in link did not work", "It has expired, was used already, or did not come from"
                + " Portico. Open the app again from Portico.", porticoUrl);
    }

    public static String sessionEnded(String porticoUrl) {
        return page("Your session has ended", "Open the app again from Portico to continue.", porticoUrl);
    }

    public static String cookieRefused(String appName, String porticoUrl) {
        return page("Your browser did not keep the sign-in for " + appName, "This happens in embedded frames when"
                + " the browser blocks their cookies. Open " + appName + " in a tab of its own from Portico.", porticoUrl);
    }

    public static String crossSite(String porticoUrl) {
        return page("Refused", "This request did not come from the app's own pages, so it was not passed on.",
                porticoUrl);
    }

    public static String tooLarge(long maxBytes, String porticoUrl) {
        return page("Too much data", "What you sent is larger than the " + (maxBytes / (1024 * 1024))
                + " MiB this app accepts through Portico.", porticoUrl);
    }

    /**
     * The page on Portico's origin that carries a logged-in user to the proxy origin: a form that posts the one-time
     * ticket in its body (never in a URL), sent at once by a script with the page's nonce, or by the button without
     * script.
     */
    public static String hop(String appName, String action, String ticket, String nonce) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"strict-origin\">"
                + "<title>Opening " + escape(appName) + " – Portico</title></head><body>"
                + "<form id=\"hop\" method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"ticket\" value=\"" + escape(ticket) + "\">"
                + "<p>Opening " + escape(appName) + "…</p>"
                + "<button id=\"continue\" type=\"submit\">Continue to " + escape(appName) + "</button></form>"
                + "<script nonce=\"" + escape(nonce) + "\">document.getElementById('hop').submit();</script>"
                + "</body></html>\n";
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

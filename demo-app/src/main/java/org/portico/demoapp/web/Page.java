package org.portico.demoapp.web;

import java.net.URI;

/**
 * The demo app's one page, whatever the path: where the visitor arrived and the verification panel. No inline
 * script or style (the CSP forbids both): the stylesheet and the script come from {@code /assets/}.
 */
final class Page {

    private Page() {
    }

    /**
     * @param contextPath the app's context path, e.g. {@code /demo-app}
     * @param arrivedAt   the path and query the visitor arrived at, without the token
     * @param panel       the verification panel
     * @param porticoUrl  the Portico the app checks tokens against
     */
    static String render(String contextPath, String arrivedAt, Panel panel, URI porticoUrl) {
        String root = Html.escape(contextPath);
        String portico = Html.escape(porticoUrl.toString());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>Demo App</title>
                <link rel="stylesheet" href="%1$s/assets/demo-app.css">
                <script src="%1$s/assets/demo-app.js" defer></script>
                </head>
                <body data-verify-url="%1$s/api/verify">
                <header class="bar"><span class="bar__name">Demo App</span><span class="bar__note">a sample app that trusts Portico's links</span></header>
                <main>
                <h1 id="arrival">Demo App — you arrived at <code id="arrived-at">%2$s</code></h1>
                %3$s
                <p class="about">This page checks the link token that Portico put in the link (<code>#portico_token=…</code>
                or <code>?portico_token=…</code>) against the keys Portico publishes (its JWKS), found through its
                discovery document at <code>%4$s/.well-known/openid-configuration</code>. The token is removed from the
                address bar as soon as the page has read it.</p>
                </main>
                </body>
                </html>
                """.formatted(root, Html.escape(arrivedAt), panel.toHtml(), portico);
    }
}

package org.portico.demoapp.web;

import java.util.Optional;

/**
 * The pane page's HTML: a slim bar and one panel that its script fills in ({@code #verified-user} holds
 * "Verified: name (sub)" or "Not verified: why"). No inline script or style; Portico's origin and the API's path
 * travel in {@code data-} attributes.
 */
final class PanePage {

    private PanePage() {
    }

    /**
     * @param contextPath   the app's context path, e.g. {@code /demo-app}
     * @param porticoOrigin the origin the handshake speaks to; empty when Portico could not be asked
     * @param problem       why there is no origin; null otherwise
     */
    static String render(String contextPath, Optional<String> porticoOrigin, String problem) {
        String root = Html.escape(contextPath);
        String waiting = porticoOrigin.isPresent() ? "Waiting for Portico…" : "Not verified: Portico cannot be asked";
        String message = porticoOrigin.map(origin -> "Asking Portico at " + origin + " for a token for this app.")
                .orElse(problem == null ? "" : problem);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>Demo App pane</title>
                <link rel="stylesheet" href="%1$s/assets/demo-app.css">
                <script src="%1$s/assets/portico-pane.js" defer></script>
                <script src="%1$s/assets/pane.js" defer></script>
                </head>
                <body class="pane" data-portico-origin="%2$s" data-me-url="%1$s/api/me">
                <header class="bar bar--slim"><span class="bar__name">Demo App</span><span class="bar__note">in a Portico pane</span></header>
                <main class="pane__main">
                <section id="pane-status" class="panel panel--%3$s" data-state="%4$s">
                <h2 class="panel__title" id="verified-user">%5$s</h2>
                <p class="panel__message" id="pane-message">%6$s</p>
                <dl class="panel__rows" id="pane-rows" hidden></dl>
                </section>
                <p class="about">This page received an access token from Portico through the pane handshake
                (<code>postMessage</code>, never in a URL) and called the demo app's <code>/api/me</code> with it.</p>
                </main>
                </body>
                </html>
                """.formatted(root, Html.escape(porticoOrigin.orElse("")),
                porticoOrigin.isPresent() ? "checking" : "unavailable", porticoOrigin.isPresent() ? "waiting" : "refused",
                Html.escape(waiting), Html.escape(message));
    }
}

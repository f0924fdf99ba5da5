/*
 * Portico's side of the pane handshake (design: "Pane handshake protocol"), for every embedded app pane on the page
 * (WEB-INF/widgets/app-pane.xhtml).
 *
 * The framed app asks with parent.postMessage({type: "portico:hello", version: 1}, PORTICO_ORIGIN). A hello is
 * answered only when it comes from THAT pane's iframe (event.source is its contentWindow) AND from the pane's exact
 * origin (event.origin equals data-pane-origin, rendered by the server from the app's registration); anything else is
 * ignored silently. For each hello a fresh token is fetched from Portico's own API over the session
 * (POST data-token-url, never with a token in a URL) and posted to that contentWindow with targetOrigin = that exact
 * origin, never "*": {type: "portico:token", version: 1, accessToken, expiresIn, audience}, or
 * {type: "portico:error", version: 1, error} when Portico gives none. At most one token every 2 s per pane.
 *
 * A pane whose frame says no hello in time (app down, framing refused by the app, no handshake) is reloaded once —
 * a hello sent before this deferred script listened is lost — and then replaced by its fallback: a message and an
 * "open in a new tab" link. A hello that comes later still shows the frame again.
 */
(function () {
    'use strict';

    var HELLO_TIMEOUT_MS = 5000;
    var MIN_INTERVAL_MS = 2000;

    if (window.porticoPanes) {
        return; // the script is included once per pane; one listener serves them all
    }
    window.porticoPanes = true;

    var panes = [];

    function show(pane, frameVisible) {
        pane.frame.hidden = !frameVisible;
        if (pane.fallback) {
            pane.fallback.hidden = frameVisible;
        }
    }

    function reply(pane, message) {
        // The frame may have navigated away meanwhile: targetOrigin makes the browser drop the message then.
        pane.frame.contentWindow.postMessage(message, pane.origin);
    }

    /**
     * Fetches a fresh token and posts it to the pane. One answer on its way serves every hello that comes meanwhile,
     * and a pane gets at most one token every MIN_INTERVAL_MS: a framed page that says hello in a loop cannot make
     * the browser hammer Portico.
     */
    function answer(pane) {
        if (pane.pending) {
            return;
        }
        pane.pending = true;
        var wait = Math.max(0, pane.lastFetch + MIN_INTERVAL_MS - Date.now());
        window.setTimeout(function () {
            pane.lastFetch = Date.now();
            fetch(pane.tokenUrl, {
                method: 'POST',
                credentials: 'same-origin',
                cache: 'no-store',
                headers: {'Accept': 'application/json'}
            }).then(function (response) {
                if (!response.ok) {
                    throw new Error('token ' + response.status);
                }
                return response.json();
            }).then(function (token) {
                pane.pending = false;
                reply(pane, {
                    type: 'portico:token',
                    version: 1,
                    accessToken: token.access_token,
                    expiresIn: token.expires_in,
                    audience: token.audience
                });
            }, function () {
                pane.pending = false;
                reply(pane, {type: 'portico:error', version: 1, error: 'Portico has no token for this pane.'});
            });
        }, wait);
    }

    function waitForHello(pane) {
        pane.timer = window.setTimeout(function () {
            if (pane.greeted) {
                return;
            }
            if (!pane.reloaded) {
                pane.reloaded = true;
                pane.frame.src = pane.frame.getAttribute('src');
                waitForHello(pane);
            } else {
                show(pane, false);
            }
        }, HELLO_TIMEOUT_MS);
    }

    window.addEventListener('message', function (event) {
        for (var i = 0; i < panes.length; i++) {
            var pane = panes[i];
            if (event.source === pane.frame.contentWindow && event.origin === pane.origin) {
                var data = event.data;
                if (data && data.type === 'portico:hello' && data.version === 1) {
                    pane.greeted = true;
                    window.clearTimeout(pane.timer);
                    show(pane, true);
                    answer(pane);
                }
                return;
            }
        }
    });

    function setUp() {
        var elements = document.querySelectorAll('.portico-pane');
        for (var i = 0; i < elements.length; i++) {
            var element = elements[i];
            var frame = element.querySelector('iframe.portico-pane-frame');
            var origin = element.getAttribute('data-pane-origin');
            var tokenUrl = element.getAttribute('data-token-url');
            if (element.getAttribute('data-pane-ready') || !frame || !origin || origin === 'null' || !tokenUrl) {
                continue;
            }
            element.setAttribute('data-pane-ready', 'true');
            var pane = {
                frame: frame,
                origin: origin,
                tokenUrl: tokenUrl,
                fallback: element.querySelector('.portico-pane-fallback'),
                greeted: false,
                reloaded: false,
                pending: false,
                lastFetch: 0
            };
            panes.push(pane);
            waitForHello(pane);
        }
    }

    setUp();
})();

/*
 * portico-pane.js: lets a page that Portico shows in a pane (an iframe on a Portico page) receive Portico's access
 * token for its app, without the token ever being in a URL. Plain ES2020, no dependencies: copy it into your app,
 * load it with <script src="portico-pane.js"></script>, then from your own script:
 *
 *   PorticoPane.connect({
 *     porticoOrigin: 'https://portal.example.org',           // Portico's origin, from YOUR configuration
 *     onToken(token, expiresIn) { ... },  // call your API with "Authorization: Bearer " + token; called again on refresh
 *     onError(reason) { ... },            // not in a pane, Portico refused, or no answer within 10 s
 *   });                                   // returns a function that stops listening
 *
 * Protocol (version 1): the page posts {type: 'portico:hello', version: 1} to its parent, addressed to Portico's
 * origin only (never '*'); Portico answers {type: 'portico:token', version: 1, accessToken, expiresIn, audience} or
 * {type: 'portico:error', version: 1, error}. An answer counts only if it comes from Portico's origin AND from the
 * parent window; anything else is ignored. The page says hello again 30 s before the token expires.
 */
(() => {
  'use strict';
  const REFRESH_BEFORE_S = 30;
  const ANSWER_TIMEOUT_MS = 10000;

  function connect({ porticoOrigin, onToken, onError = () => {} }) {
    if (window.parent === window) {
      onError('not shown in a Portico pane');
      return () => {};
    }
    let refresh;
    let timeout;
    const hello = () => {
      clearTimeout(timeout);
      timeout = setTimeout(() => onError('Portico did not answer'), ANSWER_TIMEOUT_MS);
      window.parent.postMessage({ type: 'portico:hello', version: 1 }, porticoOrigin);
    };
    const listen = (event) => {
      const message = event.data;
      if (event.origin !== porticoOrigin || event.source !== window.parent || message?.version !== 1) {
        return; // not Portico speaking to us: ignore silently
      }
      if (message.type === 'portico:token' && typeof message.accessToken === 'string') {
        clearTimeout(timeout);
        clearTimeout(refresh);
        const expiresIn = Number(message.expiresIn) || 0;
        // 30 s before expiry; for a very short-lived token, halfway through its life.
        refresh = setTimeout(hello, Math.max(expiresIn - REFRESH_BEFORE_S, expiresIn / 2) * 1000);
        onToken(message.accessToken, expiresIn);
      } else if (message.type === 'portico:error') {
        clearTimeout(timeout);
        onError(String(message.error || 'refused'));
      }
    };
    window.addEventListener('message', listen);
    hello();
    return () => {
      window.removeEventListener('message', listen);
      clearTimeout(refresh);
      clearTimeout(timeout);
    };
  }

  window.PorticoPane = Object.freeze({ connect });
})();

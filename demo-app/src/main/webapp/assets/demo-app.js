/*
 * Demo App: takes Portico's link token out of the address bar at once, and shows what the app's verifier says about it.
 *
 * Portico puts the token in the fragment by default (#portico_token=<jws>&...): browsers never send the fragment to a
 * server, so this script reads it, removes it from the address bar (history.replaceState, so it stays out of the
 * history and of bookmarks) and POSTs it as JSON to the app's own /api/verify, then renders the answer's panel.
 * A token in the query (?portico_token=<jws>) was verified by the server while it made this page; the script only
 * removes it from the address bar. The panel's structure here matches the server's (Panel.toHtml): one renderer each.
 */
(() => {
    'use strict';

    const NAME = 'portico_token';

    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        } catch (e) {
            return text; // a stray '%': the verifier will call the token malformed
        }
    };

    /** Splits '&'-separated pairs into the first portico_token value and the other pairs, kept as they were. */
    const takeToken = (pairs) => {
        let token = null;
        const rest = [];
        for (const pair of pairs.split('&')) {
            if (pair === '') {
                continue;
            }
            const equals = pair.indexOf('=');
            const name = decode(equals < 0 ? pair : pair.slice(0, equals));
            if (name !== NAME) {
                rest.push(pair);
            } else if (token === null && equals >= 0) {
                token = decode(pair.slice(equals + 1));
            }
        }
        return { token, rest: rest.join('&') };
    };

    const element = (tag, className, text) => {
        const node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text; // text, never HTML
        }
        return node;
    };

    /** Renders a panel ({state, reason, title, message, rows}) into the <section id="verification">. */
    const render = (section, panel) => {
        section.className = 'panel panel--' + panel.state;
        section.dataset.state = panel.state;
        if (panel.reason) {
            section.dataset.reason = panel.reason;
        } else {
            delete section.dataset.reason;
        }
        const children = [element('h2', 'panel__title', panel.title), element('p', 'panel__message', panel.message)];
        if (panel.rows && panel.rows.length > 0) {
            const list = element('dl', 'panel__rows');
            for (const row of panel.rows) {
                const line = element('div', 'panel__row');
                line.dataset.field = row.field;
                const value = element('dd', row.muted ? 'muted' : '');
                if (row.values.length === 1) {
                    value.textContent = row.values[0];
                } else {
                    const items = element('ul');
                    row.values.forEach((text) => items.append(element('li', '', text)));
                    value.append(items);
                }
                line.append(element('dt', '', row.label), value);
                list.append(line);
            }
            children.push(list);
        }
        section.replaceChildren(...children);
    };

    const unavailable = (message) => ({ state: 'unavailable', title: 'Cannot check the token now', message, rows: [] });

    const fromFragment = takeToken(window.location.hash.replace(/^#/, ''));
    const fromQuery = takeToken(window.location.search.replace(/^\?/, ''));
    if (fromFragment.token === null && fromQuery.token === null) {
        return;
    }
    window.history.replaceState(window.history.state, '', window.location.pathname
        + (fromQuery.rest ? '?' + fromQuery.rest : '') + (fromFragment.rest ? '#' + fromFragment.rest : ''));
    if (fromFragment.token === null) {
        return;
    }

    const section = document.getElementById('verification');
    render(section, { state: 'checking', title: 'Checking the token…', message: 'Asking the demo app\'s verifier.', rows: [] });
    fetch(document.body.dataset.verifyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: fromFragment.token }),
        cache: 'no-store',
        credentials: 'same-origin',
    })
        .then((response) => response.json().then((answer) => answer.panel ? answer.panel
            : unavailable('The verifier answered ' + response.status + ': ' + (answer.detail || 'no details') + '.')))
        .catch((error) => unavailable('The demo app\'s verifier could not be reached: ' + error.message + '.'))
        .then((panel) => render(section, panel));
})();

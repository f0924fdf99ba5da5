/*
 * Demo App pane: asks Portico for an access token through the pane handshake (portico-pane.js, the copy-paste snippet
 * for app developers), calls the app's own /api/me with it and shows who Portico says the user is. Each refreshed
 * token is checked again. Texts are set with textContent, never as HTML.
 */
(() => {
    'use strict';

    const body = document.body;
    const section = document.getElementById('pane-status');
    const title = document.getElementById('verified-user');
    const message = document.getElementById('pane-message');
    const rows = document.getElementById('pane-rows');
    let tokens = 0;

    const show = (state, panelClass, headline, text, lines) => {
        section.className = 'panel panel--' + panelClass;
        section.dataset.state = state;
        title.textContent = headline;
        message.textContent = text;
        rows.replaceChildren(...lines.map(([field, label, value]) => {
            const line = document.createElement('div');
            line.className = 'panel__row';
            line.dataset.field = field;
            const term = document.createElement('dt');
            term.textContent = label;
            const detail = document.createElement('dd');
            detail.textContent = value;
            line.append(term, detail);
            return line;
        }));
        rows.hidden = lines.length === 0;
    };

    const notVerified = (reason) => show('refused', 'refused', 'Not verified: ' + reason,
        'The demo app could not verify who you are.', []);

    const time = (epochSeconds) => new Date(epochSeconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

    const verify = (token, expiresIn) => {
        tokens += 1;
        fetch(body.dataset.meUrl, {
            headers: { Authorization: 'Bearer ' + token },
            cache: 'no-store',
            credentials: 'omit',
        })
            .then((response) => response.json().then((answer) => {
                if (!response.ok) {
                    throw new Error(answer.detail || 'the API answered ' + response.status);
                }
                return answer;
            }))
            .then((me) => show('verified', 'verified', 'Verified: ' + (me.name || me.sub) + ' (' + me.sub + ')',
                'Portico handed this pane an access token for the demo app; the app verified it against Portico\'s keys.',
                [
                    ['sub', 'User (sub)', me.sub],
                    ['email', 'Email', me.email || 'not shared with this app'],
                    ['roles', 'Roles', me.roles && me.roles.length > 0 ? me.roles.join(', ') : 'not shared with this app'],
                    ['exp', 'Token expires', time(me.exp) + ' (in ' + expiresIn + ' s when received)'],
                    ['tokens', 'Tokens received', String(tokens)],
                ]))
            .catch((error) => notVerified(error.message));
    };

    if (!body.dataset.porticoOrigin) {
        return; // the server found no Portico to ask; the page says why already
    }
    window.PorticoPane.connect({
        porticoOrigin: body.dataset.porticoOrigin,
        onToken: verify,
        onError: notVerified,
    });
})();

/*
 * Fills every data tile of the page (WEB-INF/widgets/data-tile.xhtml) once the page has loaded, so that no page waits
 * for an app: GET data-tile-url (rest.DataTileResource, over the session; a GET that changes nothing) answers
 * {state: "items" | "empty" | "unavailable", items: [{title, subtitle?, date?, datetime?, href?, newTab}]}.
 *
 * Everything the app said goes into the page as text (textContent), never as markup; links are Portico's own deep
 * links (/link/...), built by the server. "unavailable" — or no answer, or an error — shows the tile's message and a
 * Retry button that asks again. A 401 (the login has ended) invites the user to sign in. The texts come from the
 * placeholder's data-text-* attributes, in the page's language. A tile the page already shows as "unavailable"
 * (data-tile-state, while its app is known to be failing) is not asked; only its Retry button is wired.
 */
(function () {
    'use strict';

    if (window.porticoTiles) {
        return; // the script is included once per tile; one run fills them all
    }
    window.porticoTiles = true;

    function element(tag, className, text) {
        var created = document.createElement(tag);
        if (className) {
            created.className = className;
        }
        if (text !== undefined && text !== null) {
            created.textContent = text;
        }
        return created;
    }

    function message(body, className, key) {
        return element('p', className, body.getAttribute('data-text-' + key));
    }

    function show(body, children) {
        while (body.firstChild) {
            body.removeChild(body.firstChild);
        }
        for (var i = 0; i < children.length; i++) {
            body.appendChild(children[i]);
        }
        body.setAttribute('aria-busy', 'false');
    }

    function item(data) {
        var li = element('li');
        if (data.href) {
            var link = element('a', 'portico-data-tile-link', data.title);
            link.href = data.href;
            if (data.newTab) {
                link.target = '_blank';
                link.rel = 'noopener noreferrer';
            }
            li.appendChild(link);
        } else {
            li.appendChild(element('span', 'portico-data-tile-title', data.title));
        }
        if (data.subtitle) {
            li.appendChild(element('span', 'portico-data-tile-subtitle', data.subtitle));
        }
        if (data.date) {
            var time = element('time', 'portico-data-tile-date portico-muted', data.date);
            if (data.datetime) {
                time.setAttribute('datetime', data.datetime);
            }
            li.appendChild(time);
        }
        return li;
    }

    function retryButton(body) {
        var button = element('button', 'ui-button ui-widget ui-state-default ui-corner-all '
            + 'ui-button-text-icon-left ui-button-outlined portico-data-tile-retry');
        button.type = 'button';
        var icon = element('span', 'ui-button-icon-left ui-icon ui-c pi pi-refresh');
        icon.setAttribute('aria-hidden', 'true');
        button.appendChild(icon);
        button.appendChild(element('span', 'ui-button-text ui-c', body.getAttribute('data-text-retry')));
        button.addEventListener('click', function () {
            load(body, true);
        });
        return button;
    }

    function unavailable(body) {
        show(body, [message(body, 'portico-data-tile-unavailable', 'unavailable'), retryButton(body)]);
    }

    function render(body, answer) {
        if (answer.state === 'items' && answer.items && answer.items.length) {
            var list = element('ul', 'portico-data-tile-items');
            for (var i = 0; i < answer.items.length; i++) {
                list.appendChild(item(answer.items[i]));
            }
            show(body, [list]);
        } else if (answer.state === 'empty' || answer.state === 'items') {
            show(body, [message(body, 'portico-muted portico-data-tile-empty', 'empty')]);
        } else {
            unavailable(body);
        }
    }

    function load(body, retried) {
        if (retried) {
            show(body, [message(body, 'portico-muted portico-data-tile-loading', 'loading')]);
            body.setAttribute('aria-busy', 'true');
            body.setAttribute('tabindex', '-1');
            body.focus(); // the Retry button is gone: keep the keyboard where the user was
        }
        fetch(body.getAttribute('data-tile-url'), {
            credentials: 'same-origin',
            cache: 'no-store',
            headers: {'Accept': 'application/json'}
        }).then(function (response) {
            if (response.status === 401) {
                show(body, [message(body, 'portico-muted portico-data-tile-guest', 'guest')]);
                return null;
            }
            if (!response.ok) {
                throw new Error('tile ' + response.status);
            }
            return response.json().then(function (answer) {
                render(body, answer);
            });
        }).catch(function () {
            unavailable(body);
        });
    }

    function wireRetry(body) {
        var button = body.querySelector('.portico-data-tile-retry');
        if (button) {
            button.addEventListener('click', function () {
                load(body, true);
            });
        }
    }

    var bodies = document.querySelectorAll('.portico-data-tile-body[data-tile-url]');
    for (var i = 0; i < bodies.length; i++) {
        if (bodies[i].getAttribute('data-tile-state') === 'unavailable') {
            wireRetry(bodies[i]); // the page said "unavailable" itself: the app's circuit is open
        } else {
            load(bodies[i], false);
        }
    }
})();

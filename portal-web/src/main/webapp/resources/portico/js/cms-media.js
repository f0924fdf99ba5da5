/*
 * The CMS editor's images (cms/edit.xhtml): the toolbar's image button (button.ql-image) uploads a PNG, JPEG, GIF or
 * WebP file to Portico's media store (POST /api/cms/media, multipart, same origin: the session cookie and the page's
 * Origin go with it) and puts the returned /media/<sha256>.<ext> at the cursor, so a saved page holds
 * <img src="/media/…">. Images dropped or pasted as files are uploaded the same way. Quill never writes an image as
 * base64 data: its own image handler and uploader would; pasted HTML loses its data: images (the sanitiser would drop
 * them when the page is saved anyway). The server decides what an image is (by its bytes); a refusal's message, in
 * the reader's language, shows in a live region under the editor.
 *
 * The button carries what this script needs as data attributes: data-upload-url, and the texts data-uploading,
 * data-inserted, data-inserted-private, data-stored-public, data-stored-private (an image stored already keeps its
 * mark), data-refused (when the answer has no detail) and data-failed (no answer at all).
 *
 * Private images (issue 12): the toolbar's checkbox input.portico-media-private-input sends the upload as private.
 * The editor then shows the image through the signed URL of the answer (its public path is not served); when the text
 * is saved, the server turns signed URLs back into /media/<sha256>.<ext>, so no signature is stored.
 *
 * Runs deferred: after PrimeFaces' scripts (Quill is loaded), before the editor widget is created, so these changes
 * to Quill's defaults apply to it. No inline script, no eval: CSP script-src 'self' with PrimeFaces' nonces.
 */
(function () {
    'use strict';
    if (!window.Quill || window.Quill.porticoMedia) {
        return;
    }
    var Quill = window.Quill;
    var TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
    var DATA_URL = /^\s*data:/i;

    /** The image button of the editor that holds quill, and the live region under that editor (made once). */
    function parts(quill) {
        var toolbar = quill.getModule('toolbar');
        var button = toolbar && toolbar.container ? toolbar.container.querySelector('button.ql-image') : null;
        var editor = quill.container.parentNode;
        var privateInput = toolbar && toolbar.container
            ? toolbar.container.querySelector('input.portico-media-private-input') : null;
        var status = editor.parentNode.querySelector('.portico-media-status');
        if (!status) {
            status = document.createElement('p');
            status.className = 'portico-media-status';
            status.setAttribute('role', 'status');
            status.setAttribute('aria-live', 'polite');
            editor.insertAdjacentElement('afterend', status);
        }
        return {
            button: button,
            privateInput: privateInput,
            status: status,
            text: function (name, fallback) {
                return button && button.getAttribute('data-' + name) || fallback;
            }
        };
    }

    function say(part, message, refused) {
        part.status.textContent = message;
        part.status.classList.toggle('portico-media-refused', !!refused);
    }

    /** Uploads one file; on success inserts it as an image at index (or the cursor, or the end). */
    function upload(quill, file, index) {
        var part = parts(quill);
        var url = part.text('upload-url', '/api/cms/media');
        var body = new FormData();
        var wantsPrivate = !!(part.privateInput && part.privateInput.checked);
        body.append('file', file, file.name || 'image');
        body.append('private', wantsPrivate ? 'true' : 'false');
        say(part, part.text('uploading', 'Uploading the image…'));
        if (part.button) {
            part.button.disabled = true;
        }
        return fetch(url, {
            method: 'POST',
            body: body,
            credentials: 'same-origin',
            headers: {'Accept': 'application/json'}
        }).then(function (response) {
            return response.json().catch(function () {
                return {};
            }).then(function (answer) {
                if (response.ok && typeof answer.url === 'string') {
                    var at = typeof index === 'number' ? index
                        : (quill.getSelection() || {index: quill.getLength() - 1}).index;
                    var isPrivate = answer['private'] === true && typeof answer.signedUrl === 'string';
                    quill.insertEmbed(at, 'image', isPrivate ? answer.signedUrl : answer.url, 'user');
                    quill.setSelection(at + 1, 0, 'silent');
                    if (isPrivate !== wantsPrivate) {
                        say(part, isPrivate ? part.text('stored-private', 'The image was stored already, as a private'
                            + ' image.') : part.text('stored-public', 'The image was stored already, as a public image.'));
                    } else {
                        say(part, isPrivate ? part.text('inserted-private', 'The private image is in the text.')
                            : part.text('inserted', 'The image is in the text.'));
                    }
                } else {
                    say(part, answer.detail || part.text('refused', 'The image was not accepted.'), true);
                }
            });
        }, function () {
            say(part, part.text('failed', 'The upload did not reach Portico.'), true);
        }).finally(function () {
            if (part.button) {
                part.button.disabled = false;
            }
        });
    }

    /** The toolbar's image button: a file chooser whose choice is uploaded (Quill's own would write base64). */
    function chooseImage() {
        var quill = this.quill;
        var container = this.container;
        var input = container.querySelector('input.portico-media-file');
        if (!input) {
            input = document.createElement('input');
            input.type = 'file';
            input.accept = TYPES.join(',');
            input.className = 'portico-media-file';
            input.tabIndex = -1;
            input.setAttribute('aria-hidden', 'true');
            // out of sight, not display:none: some browsers open no chooser for an input that is not rendered
            input.style.position = 'absolute';
            input.style.width = '1px';
            input.style.height = '1px';
            input.style.opacity = '0';
            input.style.overflow = 'hidden';
            input.addEventListener('change', function () {
                var file = input.files && input.files[0];
                var range = quill.getSelection(true);
                if (file) {
                    upload(quill, file, range ? range.index : undefined);
                }
                input.value = '';
            });
            container.appendChild(input);
        }
        input.click();
    }

    var Snow = Quill.import('themes/snow');
    if (Snow && Snow.DEFAULTS && Snow.DEFAULTS.modules && Snow.DEFAULTS.modules.toolbar) {
        Snow.DEFAULTS.modules.toolbar.handlers = Object.assign({}, Snow.DEFAULTS.modules.toolbar.handlers,
            {image: chooseImage});
    }

    // Files dropped or pasted into the text: uploaded one after the other, in order, at the drop or the cursor.
    var Uploader = Quill.import('modules/uploader');
    if (Uploader && Uploader.DEFAULTS) {
        Uploader.DEFAULTS.mimetypes = TYPES.slice();
        Uploader.DEFAULTS.handler = function (range, files) {
            var quill = this.quill;
            var at = range ? range.index : undefined;
            files.reduce(function (previous, file) {
                return previous.then(function () {
                    var index = at;
                    return upload(quill, file, index).then(function () {
                        at = typeof at === 'number' ? at + 1 : at;
                    });
                });
            }, Promise.resolve());
        };
    }

    // Pasted HTML: an <img> whose source is data: is left out rather than kept as base64.
    var Clipboard = Quill.import('modules/clipboard');
    var Delta = Quill.import('delta');
    if (Clipboard && Clipboard.DEFAULTS && Delta) {
        Clipboard.DEFAULTS.matchers = (Clipboard.DEFAULTS.matchers || []).concat([['img', function (node, delta) {
            return DATA_URL.test(node.getAttribute('src') || '') ? new Delta() : delta;
        }]]);
    }
    Quill.porticoMedia = true;
}());

/*
 * The CMS editor (cms/edit.xhtml): lets a link in the text editor name a deep-link route, portico:link/invoice/42.
 * Quill, PrimeFaces' text editor, replaces a link of any scheme it does not know with about:blank; this adds
 * "portico" to the schemes it keeps. Runs deferred: after PrimeFaces' scripts (Quill is loaded), before the editor
 * widget is rendered (PrimeFaces renders it once the page has loaded). The server decides what such a link becomes:
 * the store's sanitiser turns it into /link/invoice/42, or drops it when it is malformed.
 */
(function () {
    'use strict';
    if (!window.Quill || window.Quill.porticoLinks) {
        return;
    }
    var Link = window.Quill.import('formats/link');
    if (Link && Array.isArray(Link.PROTOCOL_WHITELIST) && Link.PROTOCOL_WHITELIST.indexOf('portico') < 0) {
        Link.PROTOCOL_WHITELIST = Link.PROTOCOL_WHITELIST.concat(['portico']);
    }
    window.Quill.porticoLinks = true;
}());

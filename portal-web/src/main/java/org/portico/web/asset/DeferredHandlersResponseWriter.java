package org.portico.web.asset;

import java.io.IOException;
import java.io.Writer;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;

/**
 * Lets PrimeFaces' event handler registrations wait for PrimeFaces' deferred scripts.
 *
 * <p>With {@code primefaces.MOVE_SCRIPTS_TO_BOTTOM=defer} PrimeFaces' scripts load with {@code defer} and its inline
 * scripts run on {@code DOMContentLoaded}, except one: with {@code primefaces.CSP} on, the script that binds the
 * pages' {@code onclick}/{@code onchange}… handlers ({@code PrimeFaces.csp.register(…)}, written when the body ends)
 * runs at once, before PrimeFaces has loaded, fails with "PrimeFaces is not defined" and leaves the handlers unbound
 * (PrimeFaces 15.0). This writer wraps that script's code so that it runs on {@code DOMContentLoaded} too, which
 * deferred scripts precede. Ajax updates are untouched: they register handlers through their own partial responses,
 * when PrimeFaces is there.
 */
final class DeferredHandlersResponseWriter extends ResponseWriterWrapper {

    static final String REGISTRATION = "PrimeFaces.csp.register(";

    private boolean inScript;
    private boolean scriptLoadsFile;

    DeferredHandlersResponseWriter(ResponseWriter wrapped) {
        super(wrapped);
    }

    @Override
    public void startElement(String name, UIComponent component) throws IOException {
        inScript = "script".equalsIgnoreCase(name);
        scriptLoadsFile = false;
        super.startElement(name, component);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
        scriptLoadsFile |= inScript && "src".equals(name);
        super.writeAttribute(name, value, property);
    }

    @Override
    public void writeURIAttribute(String name, Object value, String property) throws IOException {
        scriptLoadsFile |= inScript && "src".equals(name);
        super.writeURIAttribute(name, value, property);
    }

    @Override
    public void writeText(Object text, String property) throws IOException {
        super.writeText(deferred(text), property);
    }

    @Override
    public void writeText(Object text, UIComponent component, String property) throws IOException {
        super.writeText(deferred(text), component, property);
    }

    @Override
    public void endElement(String name) throws IOException {
        inScript = false;
        super.endElement(name);
    }

    @Override
    public ResponseWriter cloneWithWriter(Writer writer) {
        return new DeferredHandlersResponseWriter(super.cloneWithWriter(writer));
    }

    private Object deferred(Object text) {
        if (inScript && !scriptLoadsFile && text != null && text.toString().startsWith(REGISTRATION)) {
            return "document.addEventListener('DOMContentLoaded',function(){" + text + "});";
        }
        return text;
    }
}

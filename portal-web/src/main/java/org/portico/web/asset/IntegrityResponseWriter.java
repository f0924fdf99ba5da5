package org.portico.web.asset;

import java.io.IOException;
import java.io.Writer;

import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;

/**
 * Adds Subresource Integrity to the scripts and style sheets a page loads from fingerprinted assets: when a
 * {@code <script src>} or {@code <link href>} names an asset URL ({@link AssetUrls#integrityOf}), the element also gets
 * {@code integrity="sha384-…"} and {@code crossorigin="anonymous"}. From a CDN's host the browser then refuses a file
 * that is not exactly the one Portico fingerprinted.
 *
 * <p>It sees what renderers and Facelets write through the response writer, wherever the element comes from
 * (PrimeFaces' head renderer, Faces' script and style sheet renderers, a template's own {@code <script>}).
 */
final class IntegrityResponseWriter extends ResponseWriterWrapper {

    private final AssetUrls urls;
    private String element;
    private String rel;

    IntegrityResponseWriter(ResponseWriter wrapped, AssetUrls urls) {
        super(wrapped);
        this.urls = urls;
    }

    @Override
    public void startElement(String name, jakarta.faces.component.UIComponent component) throws IOException {
        element = name;
        rel = null;
        super.startElement(name, component);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
        super.writeAttribute(name, value, property);
        if ("rel".equals(name) && value != null) {
            rel = value.toString();
        }
        addIntegrity(name, value);
    }

    @Override
    public void writeURIAttribute(String name, Object value, String property) throws IOException {
        super.writeURIAttribute(name, value, property);
        addIntegrity(name, value);
    }

    @Override
    public ResponseWriter cloneWithWriter(Writer writer) {
        return new IntegrityResponseWriter(super.cloneWithWriter(writer), urls);
    }

    private void addIntegrity(String attribute, Object value) throws IOException {
        // Integrity applies to what is fetched as a script or style sheet; an icon's link gets none (its renderers
        // and the templates write rel before href).
        boolean loads = "script".equalsIgnoreCase(element) && "src".equals(attribute)
                || "link".equalsIgnoreCase(element) && "href".equals(attribute) && "stylesheet".equalsIgnoreCase(rel);
        if (loads && value != null) {
            var integrity = urls.integrityOf(value.toString());
            if (integrity.isPresent()) {
                element = null;
                super.writeAttribute("integrity", integrity.get(), null);
                super.writeAttribute("crossorigin", "anonymous", null);
            }
        }
    }
}

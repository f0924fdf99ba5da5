package org.portico.web.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;

import org.junit.jupiter.api.Test;

/** What the asset response writers add to a page, written through a recording writer (no Faces). */
class AssetResponseWritersTest {

    private static final String CORE = "/assets/faces/primefaces/core.AbCdEf012345.js";

    private final RecordingWriter out = new RecordingWriter();
    private final AssetUrls urls = new AssetUrls() {
        @Override
        public Optional<String> integrityOf(String url) {
            return CORE.equals(url) ? Optional.of("sha384-abc") : Optional.empty();
        }
    };

    @Test
    void scriptsOfAssetsCarryIntegrity() throws IOException {
        ResponseWriter writer = new IntegrityResponseWriter(out, urls);
        writer.startElement("script", null);
        writer.writeURIAttribute("src", CORE, null);
        writer.writeAttribute("defer", "defer", null);
        writer.endElement("script");
        writer.startElement("script", null);
        writer.writeURIAttribute("src", "https://elsewhere.example/x.js", null);
        writer.endElement("script");
        writer.startElement("a", null);
        writer.writeURIAttribute("href", CORE, null);
        writer.endElement("a");
        writer.startElement("link", null);
        writer.writeAttribute("rel", "stylesheet", null);
        writer.writeURIAttribute("href", CORE, null);
        writer.endElement("link");
        writer.startElement("link", null);
        writer.writeAttribute("rel", "icon", null);
        writer.writeURIAttribute("href", CORE, null);
        writer.endElement("link");
        assertEquals("<script src=\"" + CORE + "\" integrity=\"sha384-abc\" crossorigin=\"anonymous\" defer=\"defer\">"
                + "</script><script src=\"https://elsewhere.example/x.js\"></script><a href=\"" + CORE + "\"></a>"
                + "<link rel=\"stylesheet\" href=\"" + CORE + "\" integrity=\"sha384-abc\" crossorigin=\"anonymous\"></link>"
                + "<link rel=\"icon\" href=\"" + CORE + "\"></link>",
                out.toString());
    }

    @Test
    void handlerRegistrationsWaitForDeferredScripts() throws IOException {
        ResponseWriter writer = new DeferredHandlersResponseWriter(out);
        writer.startElement("script", null);
        writer.writeAttribute("nonce", "n", null);
        writer.writeText("PrimeFaces.csp.register('b','click',function(event){go()});", null);
        writer.endElement("script");
        writer.startElement("script", null);
        writer.writeText("other();", null);
        writer.endElement("script");
        writer.startElement("p", null);
        writer.writeText("PrimeFaces.csp.register( is just text here", null);
        writer.endElement("p");
        assertEquals("<script nonce=\"n\">document.addEventListener('DOMContentLoaded',function(){"
                + "PrimeFaces.csp.register('b','click',function(event){go()});});</script>"
                + "<script>other();</script><p>PrimeFaces.csp.register( is just text here</p>", out.toString());
    }

    @Test
    void aCdnUrlIsAnAbsoluteHttpUrlWithoutExtras() {
        assertEquals("cdn.example.com", AssetUrls.parseCdnUrl("https://cdn.example.com").getHost());
        assertEquals("/portal/", AssetUrls.parseCdnUrl("http://127.0.0.1:6081/portal/").getPath());
        for (String bad : new String[] {"cdn.example.com", "ftp://cdn.example.com", "https://cdn.example.com/?a=b",
                "https://u:p@cdn.example.com", "https://cdn.example.com/#x", "https://", "ht tp://x"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> AssetUrls.parseCdnUrl(bad), bad);
            assertEquals(true, e.getMessage().contains("PORTICO_CDN_URL"), e.getMessage());
        }
    }

    /** Writes what it is told as plain HTML, unescaped. */
    private static final class RecordingWriter extends ResponseWriter {
        private final StringBuilder html = new StringBuilder();
        private boolean startOpen;

        @Override
        public String toString() {
            close();
            return html.toString();
        }

        private void closeStart() {
            if (startOpen) {
                html.append('>');
                startOpen = false;
            }
        }

        @Override
        public String getContentType() {
            return "text/html";
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public void flush() {
        }

        @Override
        public void startDocument() {
        }

        @Override
        public void endDocument() {
        }

        @Override
        public void startElement(String name, UIComponent component) {
            closeStart();
            html.append('<').append(name);
            startOpen = true;
        }

        @Override
        public void endElement(String name) {
            closeStart();
            html.append("</").append(name).append('>');
        }

        @Override
        public void writeAttribute(String name, Object value, String property) {
            html.append(' ').append(name).append("=\"").append(value).append('"');
        }

        @Override
        public void writeURIAttribute(String name, Object value, String property) {
            writeAttribute(name, value, property);
        }

        @Override
        public void writeComment(Object comment) {
            closeStart();
        }

        @Override
        public void writeText(Object text, String property) {
            closeStart();
            html.append(text);
        }

        @Override
        public void writeText(char[] text, int off, int len) {
            closeStart();
            html.append(text, off, len);
        }

        @Override
        public ResponseWriter cloneWithWriter(Writer writer) {
            return new RecordingWriter();
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            closeStart();
            html.append(cbuf, off, len);
        }

        @Override
        public void close() {
            closeStart();
        }
    }
}

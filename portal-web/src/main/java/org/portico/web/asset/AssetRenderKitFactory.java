package org.portico.web.asset;

import java.io.Writer;
import java.util.Iterator;

import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.RenderKitWrapper;

import org.omnifaces.util.Beans;

/**
 * Gives every render kit's response writers what the asset delivery needs: Subresource Integrity
 * ({@link IntegrityResponseWriter}) and PrimeFaces' handler registrations waiting for its deferred scripts
 * ({@link DeferredHandlersResponseWriter}). Registered in {@code faces-config.xml}.
 */
public class AssetRenderKitFactory extends RenderKitFactory {

    public AssetRenderKitFactory(RenderKitFactory wrapped) {
        super(wrapped);
    }

    @Override
    public void addRenderKit(String renderKitId, RenderKit renderKit) {
        getWrapped().addRenderKit(renderKitId, renderKit);
    }

    @Override
    public RenderKit getRenderKit(FacesContext context, String renderKitId) {
        RenderKit renderKit = getWrapped().getRenderKit(context, renderKitId);
        return renderKit == null ? null : new AssetRenderKit(renderKit);
    }

    @Override
    public Iterator<String> getRenderKitIds() {
        return getWrapped().getRenderKitIds();
    }

    private static final class AssetRenderKit extends RenderKitWrapper {

        AssetRenderKit(RenderKit wrapped) {
            super(wrapped);
        }

        @Override
        public ResponseWriter createResponseWriter(Writer writer, String contentTypeList, String characterEncoding) {
            ResponseWriter base = super.createResponseWriter(writer, contentTypeList, characterEncoding);
            return new DeferredHandlersResponseWriter(new IntegrityResponseWriter(base, Lookup.URLS));
        }
    }

    /** Looked up once, on first use (Faces creates this factory; it is no CDI bean). */
    private static final class Lookup {
        static final AssetUrls URLS = Beans.getReference(AssetUrls.class);
    }
}

package org.portico.web.cms;

import java.util.Locale;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;

/**
 * CMS blocks for Facelets: {@code <h:outputText value="#{cms.block('welcome')}" escape="false"/>}.
 *
 * <p>The HTML is already sanitised (the pipeline from {@code CmsProducer} sanitises before caching), so rendering it
 * unescaped is safe. The block is looked up in the view's locale with fallback to its parents, the default locale and
 * locale-less content. A missing block renders as nothing; while the CMS is down the last good version is shown, and
 * without one the block is left out (logged) rather than breaking the page.
 */
@Named("cms")
@ApplicationScoped
public class CmsBlocks {

    private static final Logger LOG = Logger.getLogger(CmsBlocks.class.getName());

    @Inject
    ContentSource content;

    /** The sanitised HTML of block {@code key} for the current view's locale; empty when there is none. */
    public String block(String key) {
        return key == null || key.isBlank() ? "" : render(key, currentLocale());
    }

    /** The sanitised HTML of block {@code key} for {@code locale}; empty when there is none or the CMS is down. */
    String render(String key, Locale locale) {
        try {
            return content.findBlock(key, locale).map(ContentItem::bodyHtml).orElse("");
        } catch (ContentUnavailableException e) {
            LOG.warning(() -> "CMS block '" + key + "' left out, the CMS is unavailable: " + e.getMessage());
            return "";
        }
    }

    private static Locale currentLocale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null) {
            return Locale.ROOT;
        }
        if (faces.getViewRoot() != null && faces.getViewRoot().getLocale() != null) {
            return faces.getViewRoot().getLocale();
        }
        return faces.getExternalContext().getRequestLocale();
    }
}

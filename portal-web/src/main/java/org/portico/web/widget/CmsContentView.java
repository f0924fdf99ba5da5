package org.portico.web.widget;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentSource;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.cms.source.CmsSources;
import org.portico.web.page.Widget;

/**
 * The body of a CMS content widget for Facelets: {@code #{cmsContent.html(widget)}}, the block or page its settings
 * name ({@link CmsBlockType}), from the built-in store or its source, in the view's language with the CMS' fallbacks,
 * sanitised (so rendered unescaped). Nothing when it is not published, or its source cannot be read and nothing of it
 * is cached (logged): a CMS that is down never breaks the page.
 */
@Named("cmsContent")
@ApplicationScoped
public class CmsContentView {

    private static final Logger LOG = Logger.getLogger(CmsContentView.class.getName());

    @Inject
    ContentSource builtIn;

    @Inject
    CmsSources sources;

    public String html(Widget widget) {
        Optional<CmsBlockType.Item> item = CmsBlockType.Item.of(widget.settings());
        if (item.isEmpty()) {
            return "";
        }
        Optional<ContentSource> source = item.get().source() == null ? Optional.of(builtIn)
                : sources.content(item.get().source());
        try {
            return source.flatMap(content -> content.find(item.get().kind(), item.get().key(), locale()))
                    .map(ContentItem::bodyHtml).orElse("");
        } catch (ContentUnavailableException e) {
            LOG.warning(() -> "CMS " + item.get() + " left out, its source is unavailable: " + e.getMessage());
            return "";
        }
    }

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null) {
            return Locale.ROOT;
        }
        return faces.getViewRoot() != null && faces.getViewRoot().getLocale() != null ? faces.getViewRoot().getLocale()
                : faces.getExternalContext().getRequestLocale();
    }
}

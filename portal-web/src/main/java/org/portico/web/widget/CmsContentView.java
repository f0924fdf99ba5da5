package org.portico.web.widget;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.portico.cms.cache.CachedContent;
import org.portico.cms.cache.CachingContentSource;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.cms.CmsService;
import org.portico.web.cms.source.CmsSources;
import org.portico.web.edge.ResponseTags;
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
    CachingContentSource builtIn;

    @Inject
    CmsSources sources;

    @Inject
    ResponseTags responseTags;

    public String html(Widget widget) {
        return cached(widget).map(content -> content.item().bodyHtml()).orElse("");
    }

    /**
     * The widget's content when its source failed to answer since it was fetched: readers see this last good version,
     * and the page tells editors so (with when it was fetched); null otherwise.
     */
    public CachedContent fromLastGood(Widget widget) {
        // From memory only: html(widget) has just looked it up; asking again could wait for a source that is down.
        Optional<CmsBlockType.Item> item = CmsBlockType.Item.of(widget.settings());
        return item.flatMap(this::source)
                .flatMap(content -> content.cached(item.get().kind(), item.get().key(), locale()))
                .filter(CachedContent::fromLastGood).orElse(null);
    }

    private Optional<CachedContent> cached(Widget widget) {
        Optional<CmsBlockType.Item> item = CmsBlockType.Item.of(widget.settings());
        // The response shows this item (or its absence): a change to it purges the page from the CDN.
        item.ifPresent(shown -> responseTags.add(CmsContentChanged.tagOf(
                shown.source() == null ? CmsService.BUILT_IN : shown.source(), shown.kind(), shown.key())));
        try {
            return item.flatMap(this::source)
                    .flatMap(content -> content.lookup(item.get().kind(), item.get().key(), locale()));
        } catch (ContentUnavailableException e) {
            LOG.warning(() -> "CMS " + item.get() + " left out, its source is unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The cache of the item's source: the built-in store's, or the external source's while it is enabled. */
    private Optional<CachingContentSource> source(CmsBlockType.Item item) {
        return item.source() == null ? Optional.of(builtIn)
                : sources.active(item.source()).map(CmsSources.Active::content);
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

package org.portico.web.cdn;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.portico.web.cms.CmsService;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;

/**
 * The URLs Portico serves a CMS item's content on, for a CDN that purges no tags (CloudFront): the item's own page
 * ({@code /p/<key>} for a page of the built-in store) and every portal page with a CMS content widget bound to it
 * ({@code /p/<slug>}, the home page at {@code /}), absolute on Portico's public URL. A tag that names no CMS item
 * ({@code cms:<source>:<page|block>:<key>}) resolves to nothing. Thread-safe.
 */
@ApplicationScoped
public class CmsPurgeUrls {

    private static final Pattern SLUG = Pattern.compile(PortalPage.SLUG_PATTERN);

    @Inject
    PageService pages;

    @Inject
    org.portico.web.settings.PorticoIssuer issuer;

    /** The items with every tag replaced by its URLs. */
    PurgeItems resolve(PurgeItems items) {
        Set<String> urls = new TreeSet<>(items.urls());
        if (!items.tags().isEmpty()) {
            var all = pages.all();
            items.tags().forEach(tag -> item(tag).ifPresent(item -> urls.addAll(urls(item, all))));
        }
        return PurgeItems.of(Set.of(), urls);
    }

    /** A CMS item named by a cache tag. */
    record Item(String source, String kind, String key) {
    }

    static Optional<Item> item(String tag) {
        String[] parts = tag.split(":", 4);
        if (parts.length != 4 || !"cms".equals(parts[0]) || !("page".equals(parts[2]) || "block".equals(parts[2]))
                || parts[1].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Item(parts[1], parts[2], parts[3]));
    }

    private Set<String> urls(Item item, java.util.List<PageInfo> all) {
        Set<String> urls = new TreeSet<>();
        if (CmsService.BUILT_IN.equals(item.source()) && "page".equals(item.kind()) && SLUG.matcher(item.key()).matches()) {
            urls.add(issuer.resolve("/p/" + item.key()));
        }
        for (PageInfo info : all) {
            PortalPage page = info.page();
            if (page.widgets().stream().anyMatch(widget -> shows(widget, item))) {
                urls.add(issuer.resolve(page.isHome() ? "/" : "/p/" + page.slug()));
            }
        }
        return urls;
    }

    /** Whether a CMS content widget shows the item (settings {@code {"page"|"block": key, "source"?: id}}). */
    private static boolean shows(Widget widget, Item item) {
        if (widget.kind() != WidgetKind.CMS_BLOCK || widget.settings() == null) {
            return false;
        }
        JsonObject settings = widget.settings();
        String source = settings.get("source") instanceof JsonString id && !id.getString().isBlank() ? id.getString()
                : CmsService.BUILT_IN;
        return source.equals(item.source()) && settings.get(item.kind().toLowerCase(Locale.ROOT)) instanceof JsonString key
                && key.getString().equals(item.key());
    }
}

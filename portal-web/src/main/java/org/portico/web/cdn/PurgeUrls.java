package org.portico.web.cdn;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portico.cdn.tag.CacheTag;
import org.portico.web.cms.CmsService;
import org.portico.web.edge.PorticoTags;
import org.portico.web.page.PageInfo;
import org.portico.web.page.PageService;
import org.portico.web.page.Pages;
import org.portico.web.page.PortalPage;
import org.portico.web.settings.PorticoIssuer;

/**
 * The URLs Portico serves what a cache tag names on, for a CDN that purges no tags (CloudFront), absolute on
 * Portico's public URL:
 * <ul>
 * <li>{@code page:<slug>}: {@code /p/<slug>};
 * <li>a CMS item ({@code cms:<source>:<page|block>:<key>}): the built-in store's page at {@code /p/<key>}, and every
 * portal page with a widget showing it;
 * <li>{@code app:<id>}, {@code route:<name>}: every portal page with a widget showing the app or linking to the route
 * (the pages' tags as {@link Pages#cacheTags} gives them);
 * <li>{@code nav}: every page, {@code /p/*}; {@code portico}: everything, {@code /*};
 * <li>{@code media:<sha256>}: the image, {@code /media/<sha256>*}. Not the guest pages whose CMS HTML shows it: only
 * their HTML knows, and CloudFront's copies of them stay until their {@code s-maxage} ends.
 * </ul>
 * CloudFront takes a {@code *} at the end of a path (at most 15 such paths in progress). The home page is
 * personal and never shared, so it has no URL to purge. A tag that names nothing resolves to nothing. Thread-safe.
 */
@ApplicationScoped
public class PurgeUrls {

    private static final Pattern SLUG = Pattern.compile(PortalPage.SLUG_PATTERN);
    private static final Pattern CMS = Pattern.compile("cms:([^:]+):(page|block):(.+)");
    private static final Pattern MEDIA = Pattern.compile("media:([0-9a-f]{64})");

    @Inject
    PageService pageService;

    @Inject
    Pages pages;

    @Inject
    PorticoIssuer issuer;

    /** The items with every tag replaced by its URLs. */
    PurgeItems resolve(PurgeItems items) {
        Set<String> urls = new TreeSet<>(items.urls());
        if (!items.tags().isEmpty()) {
            var all = pageService.all().stream().map(PageInfo::page).toList();
            items.tags().forEach(tag -> paths(tag, all, pages::cacheTags).forEach(path -> urls.add(issuer.resolve(path))));
        }
        return PurgeItems.of(Set.of(), urls);
    }

    /**
     * The paths a tag names.
     *
     * @param all    the portal pages
     * @param tagsOf the cache tags of what a page's widgets show
     */
    static Set<String> paths(String tag, Collection<PortalPage> all, Function<PortalPage, Set<CacheTag>> tagsOf) {
        Set<String> paths = new TreeSet<>();
        if (PorticoTags.ALL.value().equals(tag)) {
            paths.add("/*");
        } else if (PorticoTags.NAVIGATION.value().equals(tag)) {
            paths.add("/p/*");
        } else if (tag.startsWith("page:")) {
            String slug = tag.substring("page:".length());
            if (SLUG.matcher(slug).matches() && !PortalPage.HOME.equals(slug)) {
                paths.add("/p/" + slug);
            }
        } else if (MEDIA.matcher(tag).matches()) {
            paths.add("/media/" + tag.substring("media:".length()) + "*");
        } else {
            item(tag).filter(item -> CmsService.BUILT_IN.equals(item.source()) && "page".equals(item.kind())
                            && SLUG.matcher(item.key()).matches())
                    .ifPresent(item -> paths.add("/p/" + item.key()));
            for (PortalPage page : all) {
                if (!page.isHome() && tagsOf.apply(page).stream().anyMatch(shown -> shown.value().equals(tag))) {
                    paths.add("/p/" + page.slug());
                }
            }
        }
        return paths;
    }

    /** A CMS item named by a cache tag. */
    record Item(String source, String kind, String key) {
    }

    static Optional<Item> item(String tag) {
        Matcher cms = CMS.matcher(tag);
        return cms.matches() ? Optional.of(new Item(cms.group(1), cms.group(2), cms.group(3))) : Optional.empty();
    }
}

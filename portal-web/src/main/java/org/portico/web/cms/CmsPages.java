package org.portico.web.cms;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.portico.cms.cache.CachedContent;
import org.portico.cms.cache.CachingContentSource;
import org.portico.cms.spi.ContentItem;
import org.portico.cms.spi.ContentKind;
import org.portico.cms.spi.ContentUnavailableException;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.page.PortalPage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The built-in CMS's pages as readers reach them at {@code /p/{slug}}: the published page in the reader's language or
 * the nearest one (the cached, sanitised pipeline), shown only to the roles the page names. Portal pages come first
 * in that namespace ({@code view.page.PageView} asks for a CMS page only when there is no portal page).
 */
@ApplicationScoped
public class CmsPages {

    /** The roles of a page in one language, by slug and language tag. */
    private record Place(String slug, String languageTag) {
    }

    private static final Pattern SLUG = Pattern.compile(PortalPage.SLUG_PATTERN);

    @Inject
    CachingContentSource content;

    @Inject
    CmsService cms;

    /** Who may read each page: read once, forgotten when it changes (here) or after a minute (another node's change). */
    private final Cache<Place, Set<String>> readers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

    /**
     * The published page {@code slug} for a reader with {@code roles} (role names, {@code guest} for a guest) in
     * {@code locale} or the nearest language, as cached (when fetched, whether the store failed since); empty when
     * there is none or the reader may not read it (the same to the reader: no such page).
     *
     * @throws ContentUnavailableException when the store cannot be read and nothing of the page is cached
     */
    public Optional<CachedContent> readable(String slug, Locale locale, Set<String> roles) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        Optional<CachedContent> found = content.lookup(ContentKind.PAGE, slug, locale);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<ContentItem> page = found.map(CachedContent::item);
        Set<String> allowed;
        try {
            allowed = readers.get(new Place(slug, page.get().locale().toLanguageTag()),
                    place -> cms.find(ContentKind.PAGE, slug, page.get().locale())
                            .map(item -> item.draft().roles()).orElse(Set.of()));
        } catch (PersistenceException e) { // who may read it is not known now: no guess either way
            throw new ContentUnavailableException("the readers of page '" + slug + "' cannot be read", e);
        }
        if (allowed.stream().noneMatch(roles::contains)) {
            return Optional.empty();
        }
        return found;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CmsContentChanged change) {
        if (CmsService.BUILT_IN.equals(change.source()) && change.kind() == ContentKind.PAGE) {
            readers.asMap().keySet().removeIf(place -> place.slug().equals(change.key()));
        }
    }

    /** Content changed on some node: forget who may read which page. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.CMS)) {
            readers.invalidateAll();
        }
    }
}

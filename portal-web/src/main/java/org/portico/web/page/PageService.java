package org.portico.web.page;

import static org.portico.web.json.Jsons.JSON;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.problem.FieldMessage;

/**
 * Pages as admins change them: every change checked whole by {@link PageRules} before anything is written, saved as
 * a new version (who, when, the whole page), audited, and announced ({@link PagesChanged}) so that the cached pages
 * are forgotten once it is committed. Optimistic locking on the revision: an update names the revision it was made
 * on, and a page saved meanwhile by someone else is refused with who saved it and when.
 */
@ApplicationScoped
@Transactional
public class PageService {

    @Inject
    ChangeMarkers markers;

    /** Versions kept per page; older ones are deleted when a new one is saved. */
    static final int VERSIONS_KEPT = 100;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    WidgetTypes types;

    @Inject
    Event<PagesChanged> changed;

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PageInfo> all() {
        return em.createQuery("SELECT p FROM StoredPage p ORDER BY p.navOrder, p.title", StoredPage.class)
                .getResultList().stream().map(PageService::info).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PageInfo> find(String slug) {
        return stored(slug).map(PageService::info);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PageVersionInfo> versions(String slug) {
        StoredPage page = stored(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
        return em.createQuery("SELECT v FROM StoredPageVersion v WHERE v.key.pageId = :page"
                        + " ORDER BY v.key.revision DESC", StoredPageVersion.class)
                .setParameter("page", page.getId()).getResultList().stream()
                .map(version -> new PageVersionInfo(version.getRevision(), version.getSavedAt(), version.getSavedBy()))
                .toList();
    }

    /** The page as it was saved in that version. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PortalPage version(String slug, long revision) {
        StoredPage page = stored(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
        StoredPageVersion version = em.find(StoredPageVersion.class, new StoredPageVersion.Key(page.getId(), revision));
        if (version == null) {
            throw new PageRejectedException.PageNotFound(slug + " @ " + revision);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(version.getSnapshot()))) {
            return PageJson.read(reader.readObject(), new ArrayList<>());
        }
    }

    // ---- changing ------------------------------------------------------------------------------------------

    public PageInfo create(PortalPage page, String by) {
        return audited(AuditAction.PAGE_CREATED, page.slug(), () -> {
            requireValid(page);
            if (stored(page.slug()).isPresent()) {
                throw new PageRejectedException.SlugTaken(page.slug());
            }
            StoredPage stored = new StoredPage(page, clock.instant(), by);
            em.persist(stored);
            return saved(stored, null, by, "created with " + page.widgets().size() + " widgets");
        });
    }

    public PageInfo update(String slug, PortalPage page, long expectedRevision, String by) {
        return audited(AuditAction.PAGE_UPDATED, slug, () -> {
            StoredPage stored = stored(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
            if (!slug.equals(page.slug())) {
                throw new PageRejectedException.InvalidPage(List.of(FieldMessage.of("slug", "page.rule.slug.fixed", slug)));
            }
            requireValid(page);
            requireRevision(stored, expectedRevision);
            PortalPage before = stored.toPage();
            stored.apply(page, clock.instant(), by);
            return saved(stored, before, by, "saved with " + page.widgets().size() + " widgets");
        });
    }

    /** Makes a saved version the page's current state again, as a new version. */
    public PageInfo revert(String slug, long revision, long expectedRevision, String by) {
        return audited(AuditAction.PAGE_REVERTED, slug, () -> {
            StoredPage stored = stored(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
            PortalPage old = version(slug, revision);
            requireRevision(stored, expectedRevision);
            // The version was valid when saved; what it shows may be gone since (an app deleted): such widgets
            // show "no longer available" to admins and nothing to users, so only the page's shape is checked.
            List<FieldMessage> problems = new PageRules(types).check(old).stream()
                    .filter(problem -> !problem.field().contains("/settings/")).toList();
            if (!problems.isEmpty()) {
                throw new PageRejectedException.InvalidPage(problems);
            }
            PortalPage before = stored.toPage();
            stored.apply(old, clock.instant(), by);
            return saved(stored, before, by, "reverted to version " + revision);
        });
    }

    public void delete(String slug, String by) {
        audited(AuditAction.PAGE_DELETED, slug, () -> {
            if (PortalPage.HOME.equals(slug)) {
                throw new PageRejectedException.HomeKept();
            }
            StoredPage stored = stored(slug).orElseThrow(() -> new PageRejectedException.PageNotFound(slug));
            em.createQuery("DELETE FROM StoredPageVersion v WHERE v.key.pageId = :page")
                    .setParameter("page", stored.getId()).executeUpdate();
            em.createQuery("DELETE FROM StoredPersonalLayout l WHERE l.key.pageId = :page")
                    .setParameter("page", stored.getId()).executeUpdate();
            PortalPage before = stored.toPage();
            em.remove(stored);
            return new Change<>(null, "deleted",
                    new PagesChanged(Set.of(slug), PagesChanged.navigationChanged(before, null)));
        });
    }

    /**
     * Creates or replaces the pages of an export file, all or none: every page is checked first, and one refusal
     * refuses the whole file (its field names prefixed by the page's place, {@code pages/2/title}).
     */
    public PageImportReport importPages(List<PortalPage> pages, boolean dryRun, String by) {
        List<FieldMessage> problems = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        PageRules rules = new PageRules(types);
        for (int i = 0; i < pages.size(); i++) {
            String prefix = "pages/" + i + "/";
            PortalPage page = pages.get(i);
            if (!slugs.add(page.slug())) {
                problems.add(FieldMessage.of(prefix + "slug", "page.rule.slug.twice", page.slug()));
            }
            rules.check(page).forEach(problem -> problems.add(new FieldMessage(prefix + problem.field(),
                    problem.message(), problem.key(), problem.params())));
        }
        Map<String, String> taken = widgetIdsOfOtherPages(slugs);
        for (int i = 0; i < pages.size(); i++) {
            PortalPage page = pages.get(i);
            problems.addAll(idsUsedElsewhere(page, taken, "pages/" + i + "/"));
            page.widgets().forEach(widget -> taken.putIfAbsent(widget.id(), page.slug()));
        }
        if (!problems.isEmpty()) {
            throw new PageRejectedException.InvalidPage(problems);
        }
        List<PageImportReport.Entry> entries = new ArrayList<>();
        for (PortalPage page : pages) {
            Optional<StoredPage> existing = stored(page.slug());
            PageImportReport.Action action = existing.isEmpty() ? PageImportReport.Action.CREATED
                    : existing.get().toPage().equals(page) ? PageImportReport.Action.UNCHANGED
                    : PageImportReport.Action.UPDATED;
            entries.add(new PageImportReport.Entry(page.slug(), action));
        }
        PageImportReport report = new PageImportReport(dryRun, entries);
        if (dryRun) {
            return report;
        }
        return audited(AuditAction.PAGES_IMPORTED, "pages", () -> {
            Instant now = clock.instant();
            Set<String> imported = new HashSet<>();
            boolean navigation = false;
            for (int i = 0; i < pages.size(); i++) {
                PortalPage page = pages.get(i);
                switch (entries.get(i).action()) {
                    case CREATED -> {
                        StoredPage stored = new StoredPage(page, now, by);
                        em.persist(stored);
                        navigation |= saved(stored, null, by, "").event().navigation();
                        imported.add(page.slug());
                    }
                    case UPDATED -> {
                        StoredPage stored = stored(page.slug()).orElseThrow();
                        PortalPage before = stored.toPage();
                        stored.apply(page, now, by);
                        navigation |= saved(stored, before, by, "").event().navigation();
                        imported.add(page.slug());
                    }
                    case UNCHANGED -> {
                        // nothing to do
                    }
                }
            }
            return new Change<>(report, entries.size() + " pages: " + entries, imported.isEmpty() ? null
                    : new PagesChanged(imported, navigation));
        });
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private Optional<StoredPage> stored(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT p FROM StoredPage p WHERE p.slug = :slug", StoredPage.class)
                .setParameter("slug", slug).getResultStream().findFirst();
    }

    private void requireValid(PortalPage page) {
        List<FieldMessage> problems = new ArrayList<>(new PageRules(types).check(page));
        problems.addAll(idsUsedElsewhere(page, widgetIdsOfOtherPages(Set.of(page.slug())), ""));
        if (!problems.isEmpty()) {
            throw new PageRejectedException.InvalidPage(problems);
        }
    }

    /** Widget ids are unique across all pages (personal layouts and the pane token endpoint name widgets by id). */
    private Map<String, String> widgetIdsOfOtherPages(Set<String> slugs) {
        Map<String, String> ids = new HashMap<>();
        for (StoredPage other : em.createQuery("SELECT p FROM StoredPage p", StoredPage.class).getResultList()) {
            if (!slugs.contains(other.getSlug())) {
                other.toPage().widgets().forEach(widget -> ids.putIfAbsent(widget.id(), other.getSlug()));
            }
        }
        return ids;
    }

    private static List<FieldMessage> idsUsedElsewhere(PortalPage page, Map<String, String> taken, String prefix) {
        List<FieldMessage> problems = new ArrayList<>();
        for (int i = 0; i < page.widgets().size(); i++) {
            String id = page.widgets().get(i).id();
            if (taken.containsKey(id)) {
                problems.add(FieldMessage.of(prefix + "widgets/" + i + "/id", "page.rule.widget.idElsewhere", id,
                        taken.get(id)));
            }
        }
        return problems;
    }

    private static void requireRevision(StoredPage stored, long expectedRevision) {
        if (stored.getRevision() != expectedRevision) {
            throw new PageRejectedException.StalePage(stored.getSlug(), stored.getUpdatedBy(),
                    PageRejectedException.StalePage.when(stored.getUpdatedAt()));
        }
    }

    /**
     * Flushes the page (its revision moves on) and keeps the result as a new version.
     *
     * @param before the page as it was, null when it is new
     */
    private Change<PageInfo> saved(StoredPage stored, PortalPage before, String by, String detail) {
        em.flush();
        em.persist(new StoredPageVersion(stored.getId(), stored.getRevision(), stored.getUpdatedAt(), by,
                stored.snapshot().toString()));
        em.createQuery("DELETE FROM StoredPageVersion v WHERE v.key.pageId = :page AND v.key.revision <= :oldest")
                .setParameter("page", stored.getId())
                .setParameter("oldest", stored.getRevision() - VERSIONS_KEPT).executeUpdate();
        PortalPage after = stored.toPage();
        return new Change<>(info(stored), detail + " (version " + stored.getRevision() + ")",
                new PagesChanged(Set.of(after.slug()), PagesChanged.navigationChanged(before, after)));
    }

    private static PageInfo info(StoredPage stored) {
        return new PageInfo(stored.toPage(), stored.getRevision(), stored.getUpdatedAt(), stored.getUpdatedBy());
    }

    /** @param event what to announce, null when nothing changed */
    private record Change<T>(T result, String detail, PagesChanged event) {
    }

    private <T> T audited(AuditAction action, String slug, Supplier<Change<T>> change) {
        String target = "page:" + slug;
        try {
            Change<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            if (done.event() != null) {
                changed.fire(done.event());
                markers.bump(Topics.PAGES); // other nodes forget their pages when this commits
            }
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new PageRejectedException.StalePage(slug);
        } catch (PageRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}

package org.portico.web.cms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.cms.sanitize.HtmlSanitizer;
import org.portico.cms.spi.ContentKind;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.page.PageService;
import org.portico.web.problem.FieldMessage;

/**
 * The built-in CMS as editors change it. Every change is checked whole ({@link CmsRules}) before anything is written;
 * the body is sanitised when saved (and again when shown); each save is a new numbered version; publishing makes the
 * draft's version the one readers see; restoring makes an old version the draft again, as a new version. Changes are
 * audited and announced ({@link CmsContentChanged}) when readers' content changed, so that caches forget it once the
 * transaction completes. Optimistic locking: a change names the {@code lockVersion} it was made on, and an item
 * changed meanwhile is refused with who changed it and when.
 *
 * <p>Pages and portal pages share {@code /p/}: a page's slug must not be a portal page's.
 */
@ApplicationScoped
@Transactional
public class CmsService {

    @Inject
    ChangeMarkers markers;

    /** The built-in store's id among content sources. */
    public static final String BUILT_IN = "built-in";
    /** Versions kept per item; older ones (never the published one) go when a new one is saved. */
    static final int VERSIONS_KEPT = 200;
    /** Items listed at most per query. */
    static final int LIST_LIMIT = 500;
    /** Scheduled changes made per run of the schedule. */
    static final int SCHEDULE_BATCH = 100;

    private static final Logger LOG = Logger.getLogger(CmsService.class.getName());

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    HtmlSanitizer sanitizer;

    @Inject
    PageService pages;

    @Inject
    Event<CmsContentChanged> changed;

    /** Which items a list shows; null fields do not filter. */
    public record Query(ContentKind kind, CmsItemInfo.Status status, String text) {
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CmsItemInfo> list(Query query) {
        String text = query.text() == null || query.text().isBlank() ? null
                : "%" + query.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        StringBuilder jpql = new StringBuilder("SELECT i FROM CmsItem i WHERE 1 = 1");
        if (query.kind() != null) {
            jpql.append(" AND i.kind = :kind");
        }
        if (text != null) {
            jpql.append(" AND (LOWER(i.key) LIKE :text ESCAPE '\\' OR LOWER(i.title) LIKE :text ESCAPE '\\')");
        }
        if (query.status() != null) {
            jpql.append(switch (query.status()) {
                case DRAFT -> " AND i.publishedRevision IS NULL";
                case PUBLISHED -> " AND i.publishedRevision = i.draftRevision";
                case CHANGED -> " AND i.publishedRevision <> i.draftRevision";
            });
        }
        jpql.append(" ORDER BY i.updatedAt DESC, i.id DESC");
        var typed = em.createQuery(jpql.toString(), CmsItem.class).setMaxResults(LIST_LIMIT);
        if (query.kind() != null) {
            typed.setParameter("kind", query.kind());
        }
        if (text != null) {
            typed.setParameter("text", text);
        }
        return typed.getResultList().stream().map(CmsItemInfo::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CmsItemInfo> find(ContentKind kind, String key, Locale locale) {
        return stored(kind, key, locale).map(CmsItemInfo::of);
    }

    /** The languages an item is written in, each a BCP 47 tag. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> languages(ContentKind kind, String key) {
        return em.createQuery("SELECT i FROM CmsItem i WHERE i.kind = :kind AND i.key = :key ORDER BY i.locale",
                        CmsItem.class)
                .setParameter("kind", kind).setParameter("key", key).getResultList().stream()
                .map(item -> item.getLocale().toLanguageTag()).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CmsVersionInfo> versions(ContentKind kind, String key, Locale locale) {
        CmsItem item = existing(kind, key, locale);
        return em.createQuery("SELECT v FROM CmsItemVersion v WHERE v.key.itemId = :item ORDER BY v.key.revision DESC",
                        CmsItemVersion.class)
                .setParameter("item", item.getId()).getResultList().stream()
                .map(version -> CmsVersionInfo.of(version, item.getPublishedRevision())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CmsVersionInfo version(ContentKind kind, String key, Locale locale, long revision) {
        CmsItem item = existing(kind, key, locale);
        return CmsVersionInfo.of(storedVersion(item, revision), item.getPublishedRevision());
    }

    /** What changed from version {@code from} to version {@code to}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CmsDiff diff(ContentKind kind, String key, Locale locale, long from, long to) {
        CmsItem item = existing(kind, key, locale);
        return CmsDiff.between(storedVersion(item, from), storedVersion(item, to));
    }

    // ---- changing ------------------------------------------------------------------------------------------

    public CmsItemInfo create(ContentKind kind, String key, String languageTag, CmsDraft draft, String by) {
        String place = place(kind, key, languageTag);
        return audited(AuditAction.CMS_ITEM_CREATED, place, () -> {
            List<FieldMessage> problems = new ArrayList<>(CmsRules.checkPlace(kind, key, languageTag));
            if (kind != null) {
                problems.addAll(CmsRules.check(kind, draft));
            }
            if (!problems.isEmpty()) {
                throw new CmsRejectedException.InvalidItem(problems);
            }
            Locale locale = CmsRules.locale(languageTag);
            if (stored(kind, key, locale).isPresent()) {
                throw new CmsRejectedException.KeyTaken(place);
            }
            if (kind == ContentKind.PAGE && pages.find(key).isPresent()) {
                throw CmsRejectedException.KeyTaken.byPortalPage(key);
            }
            CmsItem item = new CmsItem(kind, key, locale, sanitised(draft), clock.instant(), by);
            em.persist(item);
            return saved(item, CmsItemVersion.Origin.SAVED, "created", null);
        });
    }

    /** Saves the draft as a new version; readers see it once it is published. An unchanged draft makes no version. */
    public CmsItemInfo save(ContentKind kind, String key, Locale locale, CmsDraft draft, long expectedLock, String by) {
        String place = place(kind, key, locale);
        return audited(AuditAction.CMS_ITEM_SAVED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            List<FieldMessage> problems = CmsRules.check(kind, draft);
            if (!problems.isEmpty()) {
                throw new CmsRejectedException.InvalidItem(problems);
            }
            requireLock(item, place, expectedLock);
            CmsDraft clean = sanitised(draft);
            if (clean.equals(item.draft())) {
                return new Change<>(CmsItemInfo.of(item), "unchanged", null);
            }
            boolean rolesChanged = !clean.roles().equals(item.draft().roles());
            item.apply(clean, clock.instant(), by);
            // The roles are the page's, not a version's: readers of a published page see the change at once.
            return saved(item, CmsItemVersion.Origin.SAVED, "saved",
                    rolesChanged && item.getPublishedRevision() != null ? readersSee(item) : null);
        });
    }

    public CmsItemInfo publish(ContentKind kind, String key, Locale locale, long expectedLock, String by) {
        String place = place(kind, key, locale);
        return audited(AuditAction.CMS_ITEM_PUBLISHED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            requireLock(item, place, expectedLock);
            item.publish(clock.instant(), by);
            return new Change<>(flushed(item), "published version " + item.getDraftRevision(), readersSee(item));
        });
    }

    public CmsItemInfo unpublish(ContentKind kind, String key, Locale locale, long expectedLock, String by) {
        String place = place(kind, key, locale);
        return audited(AuditAction.CMS_ITEM_UNPUBLISHED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            requireLock(item, place, expectedLock);
            item.unpublish(clock.instant(), by);
            return new Change<>(flushed(item), "taken offline", readersSee(item));
        });
    }

    /**
     * Schedules publishing the draft (as it will be then) and taking the item offline; null clears either. A time in
     * the past, or offline before online, is refused.
     */
    public CmsItemInfo schedule(ContentKind kind, String key, Locale locale, Instant publishAt, Instant unpublishAt,
                                long expectedLock, String by) {
        String place = place(kind, key, locale);
        return audited(AuditAction.CMS_ITEM_SCHEDULED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            Instant now = clock.instant();
            List<FieldMessage> problems = new ArrayList<>();
            if (publishAt != null && !publishAt.isAfter(now)) {
                problems.add(FieldMessage.of("publishAt", "cms.rule.schedule.past"));
            }
            if (unpublishAt != null && !unpublishAt.isAfter(now)) {
                problems.add(FieldMessage.of("unpublishAt", "cms.rule.schedule.past"));
            } else if (unpublishAt != null && publishAt != null && !unpublishAt.isAfter(publishAt)) {
                problems.add(FieldMessage.of("unpublishAt", "cms.rule.schedule.order"));
            }
            if (!problems.isEmpty()) {
                throw new CmsRejectedException.InvalidItem(problems);
            }
            requireLock(item, place, expectedLock);
            item.schedule(publishAt, unpublishAt, now, by);
            return new Change<>(flushed(item), "publish at " + publishAt + ", offline at " + unpublishAt, null);
        });
    }

    /** Makes version {@code revision} the draft again, as a new version (published when the editor publishes it). */
    public CmsItemInfo restore(ContentKind kind, String key, Locale locale, long revision, long expectedLock, String by) {
        String place = place(kind, key, locale);
        return audited(AuditAction.CMS_ITEM_RESTORED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            CmsItemVersion old = storedVersion(item, revision);
            requireLock(item, place, expectedLock);
            CmsDraft current = item.draft();
            item.apply(new CmsDraft(old.getTitle(), old.getSummary(), old.getBodyHtml(), current.roles()),
                    clock.instant(), by);
            return saved(item, CmsItemVersion.Origin.RESTORED, "restored version " + revision, null);
        });
    }

    public void delete(ContentKind kind, String key, Locale locale, long expectedLock, String by) {
        String place = place(kind, key, locale);
        audited(AuditAction.CMS_ITEM_DELETED, place, () -> {
            CmsItem item = existing(kind, key, locale);
            requireLock(item, place, expectedLock);
            CmsContentChanged gone = item.getPublishedRevision() != null ? readersSee(item) : null;
            em.createQuery("DELETE FROM CmsItemVersion v WHERE v.key.itemId = :item")
                    .setParameter("item", item.getId()).executeUpdate();
            em.remove(item);
            return new Change<>(null, "deleted", gone);
        });
    }

    /**
     * Makes the scheduled changes due at {@code now}: publishes, then takes offline (an item due for both within one
     * run ends offline). At most {@value #SCHEDULE_BATCH} of each per run; the periodic job runs again shortly.
     *
     * @return how many items changed
     */
    public int runSchedule(Instant now) {
        int done = 0;
        for (CmsItem item : em.createQuery("SELECT i FROM CmsItem i WHERE i.publishAt <= :now ORDER BY i.publishAt",
                CmsItem.class).setParameter("now", now).setMaxResults(SCHEDULE_BATCH).getResultList()) {
            item.publish(now, "schedule");
            done += scheduled(item, AuditAction.CMS_ITEM_PUBLISHED, "published version " + item.getDraftRevision()
                    + " as scheduled");
        }
        for (CmsItem item : em.createQuery("SELECT i FROM CmsItem i WHERE i.unpublishAt <= :now ORDER BY i.unpublishAt",
                CmsItem.class).setParameter("now", now).setMaxResults(SCHEDULE_BATCH).getResultList()) {
            item.unpublish(now, "schedule");
            done += scheduled(item, AuditAction.CMS_ITEM_UNPUBLISHED, "taken offline as scheduled");
        }
        return done;
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private int scheduled(CmsItem item, AuditAction action, String detail) {
        String place = place(item.getKind(), item.getKey(), item.getLocale());
        em.flush();
        audit.recordAs("schedule", action, "cms:" + place, AuditOutcome.SUCCESS, detail);
        changed.fire(readersSee(item));
        markers.bump(Topics.CMS);
        LOG.info(() -> "CMS " + place + ": " + detail);
        return 1;
    }

    private CmsDraft sanitised(CmsDraft draft) {
        return draft.withBodyHtml(sanitizer.sanitize(draft.bodyHtml()));
    }

    private Optional<CmsItem> stored(ContentKind kind, String key, Locale locale) {
        if (kind == null || key == null || locale == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT i FROM CmsItem i WHERE i.kind = :kind AND i.key = :key AND i.locale = :locale",
                        CmsItem.class)
                .setParameter("kind", kind).setParameter("key", key).setParameter("locale", locale.toLanguageTag())
                .getResultStream().findFirst();
    }

    private CmsItem existing(ContentKind kind, String key, Locale locale) {
        return stored(kind, key, locale).orElseThrow(() -> new CmsRejectedException.ItemNotFound(place(kind, key, locale)));
    }

    private CmsItemVersion storedVersion(CmsItem item, long revision) {
        CmsItemVersion version = em.find(CmsItemVersion.class, new CmsItemVersion.Key(item.getId(), revision));
        if (version == null) {
            throw new CmsRejectedException.VersionNotFound(place(item.getKind(), item.getKey(), item.getLocale()),
                    revision);
        }
        return version;
    }

    private static void requireLock(CmsItem item, String place, long expectedLock) {
        if (item.getLockVersion() != expectedLock) {
            throw new CmsRejectedException.StaleItem(place, item.getUpdatedBy(), item.getUpdatedAt());
        }
    }

    private CmsItemInfo flushed(CmsItem item) {
        em.flush();
        return CmsItemInfo.of(item);
    }

    /** Flushes the item and keeps its draft as a new version; prunes the oldest ones (never the published one). */
    private Change<CmsItemInfo> saved(CmsItem item, CmsItemVersion.Origin origin, String detail,
                                      CmsContentChanged readersSee) {
        em.flush();
        em.persist(new CmsItemVersion(item, origin));
        em.createQuery("DELETE FROM CmsItemVersion v WHERE v.key.itemId = :item AND v.key.revision <= :oldest"
                        + " AND v.key.revision <> :published")
                .setParameter("item", item.getId())
                .setParameter("oldest", item.getDraftRevision() - VERSIONS_KEPT)
                .setParameter("published", item.getPublishedRevision() == null ? -1L : item.getPublishedRevision())
                .executeUpdate();
        em.flush();
        return new Change<>(CmsItemInfo.of(item), detail + " (version " + item.getDraftRevision() + ")", readersSee);
    }

    /** How messages and the audit log name an item: {@code page 'about' (en)}. */
    static String place(ContentKind kind, String key, Object language) {
        String tag = language instanceof Locale locale ? locale.toLanguageTag() : String.valueOf(language);
        return (kind == null ? "item" : kind.name().toLowerCase(Locale.ROOT)) + " '" + key + "' (" + tag + ")";
    }

    private static CmsContentChanged readersSee(CmsItem item) {
        return new CmsContentChanged(BUILT_IN, item.getKind(), item.getKey(), item.getLocale());
    }

    /** What a change gives its caller, says in the audit log, and, when readers' content changed, announces. */
    private record Change<T>(T result, String detail, CmsContentChanged readersSee) {
    }

    private <T> T audited(AuditAction action, String place, Supplier<Change<T>> change) {
        String target = "cms:" + place;
        try {
            Change<T> done = change.get();
            em.flush();
            audit.record(action, target, AuditOutcome.SUCCESS, done.detail());
            if (done.readersSee() != null) {
                changed.fire(done.readersSee());
                markers.bump(Topics.CMS);
            }
            return done.result();
        } catch (OptimisticLockException e) {
            audit.record(action, target, AuditOutcome.REFUSED, "changed by someone else meanwhile");
            throw new CmsRejectedException.StaleItem(place);
        } catch (CmsRejectedException e) {
            audit.record(action, target, AuditOutcome.REFUSED, e.getMessage());
            throw e;
        }
    }
}

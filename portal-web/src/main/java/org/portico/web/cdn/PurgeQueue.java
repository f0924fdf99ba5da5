package org.portico.web.cdn;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.portico.deeplink.random.RandomIds;
import org.portico.web.app.AppsChanged;
import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cms.CmsContentChanged;
import org.portico.web.edge.PorticoTags;
import org.portico.web.edge.SharedCopiesStale;
import org.portico.web.link.RoutesChanged;
import org.portico.web.page.PagesChanged;
import org.portico.web.problem.FieldMessage;
import org.portico.web.settings.PorticoIssuer;

/**
 * The durable purge queue (an outbox, {@code cdn_purge}). A change of what guests see queues its purge in its own
 * transaction ({@link #enqueue}, and the observers of {@link CmsContentChanged}, {@link PagesChanged},
 * {@link AppsChanged}, {@link RoutesChanged} and {@link SharedCopiesStale}, each purging the cache tags that pages
 * showing the changed thing carry): one row per enabled target, so the purge exists
 * exactly when the change was committed. A pending row of the same target that no worker has claimed yet absorbs the
 * new tags and URLs instead (coalescing, up to {@link PurgeItems#MAX_ITEMS}).
 *
 * <p>The worker's side: {@link #due} rows are taken with {@link #claim}, a conditional update that only one node can
 * win, with a lease; every later write names the claim's token, so a node whose lease ran out (it hung, or died and
 * another node took over) changes nothing any more.
 */
@ApplicationScoped
public class PurgeQueue {

    /**
     * How long a claim holds without progress; a worker that died is replaced after it. Longer than one batch may take
     * (one request, at most the adapter's timeout of up to two minutes), so a slow CDN is not sent the same batch twice.
     */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** How long done purges stay on the admin page. */
    public static final Duration DONE_KEPT = Duration.ofDays(7);
    /** The most tags and URLs one manual purge names. */
    public static final int MAX_MANUAL_ITEMS = 500;
    /** A cache tag as Portico sends it in {@code Surrogate-Key} (space-separated there: no blanks). */
    static final Pattern TAG = Pattern.compile("[\\x21-\\x7e]{1,200}");
    static final int MAX_URL = 2000;
    static final int MAX_ERROR = 1000;

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Inject
    CdnTargetService targets;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    PorticoIssuer issuer;

    @Inject
    Event<PurgeQueued> queued;

    /** A row a worker has claimed: what to send, and the token every write about it must name. */
    record Claim(long id, String token, long targetId, PurgeItems items, int attempts, int batchesTotal,
                 int batchesDone) {
    }

    // ---- queueing ------------------------------------------------------------------------------------------

    /**
     * Queues a purge of {@code tags} and {@code urls} (absolute) for every enabled target, in the caller's
     * transaction: the rows are committed or rolled back with the change that asked for them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Set<String> tags, Set<String> urls) {
        PurgeItems items = PurgeItems.of(tags, urls);
        if (items.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Long> enabled = targets.enabledIds();
        enabled.forEach(target -> coalesce(target, items, now));
        if (!enabled.isEmpty()) {
            queued.fire(new PurgeQueued());
        }
    }

    /** What readers see of a CMS item changed: purge its tag, during the change's transaction. */
    void contentChanged(@Observes CmsContentChanged change) {
        enqueue(Set.of(change.tag()), Set.of());
    }

    /** Portal pages changed: purge them, and every page when the navigation they show changed. */
    void pagesChanged(@Observes PagesChanged change) {
        Set<String> tags = new LinkedHashSet<>();
        change.slugs().forEach(slug -> tags.add(PorticoTags.page(slug).value()));
        if (change.navigation()) {
            tags.add(PorticoTags.NAVIGATION.value());
        }
        enqueue(tags, Set.of());
    }

    /** An app changed (its name, enabled, deleted): purge the pages whose widgets show it. */
    void appChanged(@Observes AppsChanged change) {
        enqueue(Set.of(PorticoTags.app(change.id()).value()), Set.of());
    }

    /** Routes changed: purge the pages whose widgets link to them. */
    void routesChanged(@Observes RoutesChanged change) {
        Set<String> tags = new LinkedHashSet<>();
        change.names().forEach(name -> tags.add(PorticoTags.route(name).value()));
        enqueue(tags, Set.of());
    }

    /** Something else made copies stale (an image deleted or marked): purge its tags. */
    void stale(@Observes SharedCopiesStale stale) {
        Set<String> tags = new LinkedHashSet<>();
        stale.tags().forEach(tag -> tags.add(tag.value()));
        enqueue(tags, Set.of());
    }

    /**
     * A pending row of the target absorbs the items, if it can still take them and no worker claimed it meanwhile
     * (the update says so: its condition fails once the state or the content changed); otherwise a new row.
     */
    private void coalesce(long targetId, PurgeItems items, Instant now) {
        List<Object[]> pending = em.createQuery("SELECT p.id, p.tags, p.urls, p.itemCount FROM CdnPurgeEntity p"
                        + " WHERE p.targetId = :target AND p.state = :pending AND p.requestedBy IS NULL"
                        + " AND p.itemCount < :max ORDER BY p.id DESC", Object[].class)
                .setParameter("target", targetId).setParameter("pending", PurgeState.PENDING)
                .setParameter("max", PurgeItems.MAX_ITEMS).setMaxResults(1).getResultList();
        if (!pending.isEmpty()) {
            Object[] row = pending.get(0);
            int count = (Integer) row[3];
            Optional<PurgeItems> merged = new PurgeItems(PurgeItems.parse((String) row[1]), PurgeItems.parse((String) row[2]))
                    .absorb(items);
            if (merged.isPresent() && (merged.get().count() == count || em.createQuery("UPDATE CdnPurgeEntity p"
                            + " SET p.tags = :tags, p.urls = :urls, p.itemCount = :count"
                            + " WHERE p.id = :id AND p.state = :pending AND p.itemCount = :was")
                    .setParameter("tags", PurgeItems.json(merged.get().tags()))
                    .setParameter("urls", PurgeItems.json(merged.get().urls()))
                    .setParameter("count", merged.get().count()).setParameter("id", row[0])
                    .setParameter("pending", PurgeState.PENDING).setParameter("was", count)
                    .executeUpdate() == 1)) {
                return;
            }
        }
        CdnPurgeEntity row = new CdnPurgeEntity(targetId, items, null, now);
        em.persist(row);
        em.flush();
        em.detach(row); // later changes of this transaction update the row in bulk: no stale copy may be read back
    }

    /**
     * A site admin's purge of {@code tags} and {@code urls} (absolute, or paths on Portico's public URL), for one
     * target or every enabled one: checked whole first, a row of its own per target (its progress is the admin's to
     * watch), audited.
     *
     * @return the rows queued
     * @throws CdnRejectedException.InvalidPurge   naming each bad field
     * @throws CdnRejectedException.TargetNotFound when the target does not exist
     */
    @Transactional
    public List<QueuedPurge> request(Long targetId, List<String> tags, List<String> urls, String by) {
        List<FieldMessage> problems = new ArrayList<>();
        Set<String> cleanTags = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                problems.add(FieldMessage.of("tags", "cdn.purge.rule.tag"));
                break;
            }
            cleanTags.add(tag);
        }
        Set<String> cleanUrls = new LinkedHashSet<>();
        for (String url : urls) {
            String absolute = url == null ? null : url.startsWith("/") && !url.startsWith("//") ? issuer.resolve(url) : url;
            if (absolute == null || absolute.length() > MAX_URL || !absoluteWithQuery(absolute)) {
                problems.add(FieldMessage.of("urls", "cdn.purge.rule.url"));
                break;
            }
            cleanUrls.add(absolute);
        }
        if (cleanTags.size() + cleanUrls.size() > MAX_MANUAL_ITEMS) {
            problems.add(FieldMessage.of("tags", "cdn.purge.rule.tooMany", MAX_MANUAL_ITEMS));
        } else if (problems.isEmpty() && cleanTags.isEmpty() && cleanUrls.isEmpty()) {
            problems.add(FieldMessage.of("tags", "cdn.purge.rule.empty"));
        }
        List<Long> to = new ArrayList<>();
        if (targetId != null) {
            CdnTarget target = targets.find(targetId).orElseThrow(() ->
                    new CdnRejectedException.TargetNotFound(Long.toString(targetId)));
            to.add(target.id());
        } else {
            to.addAll(targets.enabledIds());
            if (to.isEmpty() && problems.isEmpty()) {
                problems.add(FieldMessage.of("targetId", "cdn.purge.rule.noTarget"));
            }
        }
        String what = cleanTags.size() + " tags and " + cleanUrls.size() + " URLs";
        if (!problems.isEmpty()) {
            CdnRejectedException.InvalidPurge refused = new CdnRejectedException.InvalidPurge(problems);
            audit.record(AuditAction.CDN_PURGE_REQUESTED, "cdn-purge", AuditOutcome.REFUSED, refused.getMessage());
            throw refused;
        }
        Instant now = clock.instant();
        PurgeItems items = PurgeItems.of(cleanTags, cleanUrls);
        List<Long> ids = new ArrayList<>();
        for (long target : to) {
            CdnPurgeEntity row = new CdnPurgeEntity(target, items, by, now);
            em.persist(row);
            em.flush();
            ids.add(row.id);
        }
        audit.record(AuditAction.CDN_PURGE_REQUESTED, "cdn-purge:" + ids, AuditOutcome.SUCCESS, what);
        queued.fire(new PurgeQueued());
        return ids.stream().map(id -> find(id).orElseThrow()).toList();
    }

    private static boolean absoluteWithQuery(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Tries a pending or failed purge at once (on this node's worker, right after the commit).
     *
     * @throws CdnRejectedException.PurgeNotFound when there is no such row
     * @throws CdnRejectedException.NotRetryable  when it is done or in flight
     */
    @Transactional
    public QueuedPurge retryNow(long id, String by) {
        QueuedPurge purge = find(id).orElseThrow(() -> new CdnRejectedException.PurgeNotFound(Long.toString(id)));
        int updated = em.createQuery("UPDATE CdnPurgeEntity p SET p.nextAttemptAt = :now"
                        + " WHERE p.id = :id AND p.state IN :waiting")
                .setParameter("now", clock.instant()).setParameter("id", id)
                .setParameter("waiting", List.of(PurgeState.PENDING, PurgeState.FAILED)).executeUpdate();
        if (updated == 0) {
            CdnRejectedException.NotRetryable refused = new CdnRejectedException.NotRetryable(id, purge.state());
            audit.record(AuditAction.CDN_PURGE_RETRIED, "cdn-purge:" + id, AuditOutcome.REFUSED, refused.getMessage());
            throw refused;
        }
        audit.record(AuditAction.CDN_PURGE_RETRIED, "cdn-purge:" + id, AuditOutcome.SUCCESS,
                "after " + purge.attempts() + " attempts");
        queued.fire(new PurgeQueued());
        return find(id).orElseThrow();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<QueuedPurge> find(long id) {
        return rows("WHERE p.id = :id", query -> query.setParameter("id", id), 0, 1).stream().findFirst();
    }

    /** The rows in a state (or all), newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<QueuedPurge> list(PurgeState state, int first, int max) {
        return state == null ? rows("", query -> { }, first, max)
                : rows("WHERE p.state = :state", query -> query.setParameter("state", state), first, max);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(PurgeState state) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(p) FROM CdnPurgeEntity p"
                + (state == null ? "" : " WHERE p.state = :state"), Long.class);
        if (state != null) {
            query.setParameter("state", state);
        }
        return query.getSingleResult();
    }

    /** How many rows are in each state, in one query; states without rows are 0. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<PurgeState, Long> counts() {
        Map<PurgeState, Long> counts = new EnumMap<>(PurgeState.class);
        for (PurgeState state : PurgeState.values()) {
            counts.put(state, 0L);
        }
        for (Object[] row : em.createQuery("SELECT p.state, COUNT(p) FROM CdnPurgeEntity p GROUP BY p.state",
                Object[].class).getResultList()) {
            counts.put((PurgeState) row[0], (Long) row[1]);
        }
        return counts;
    }

    private List<QueuedPurge> rows(String where, java.util.function.Consumer<TypedQuery<Object[]>> parameters,
                                   int first, int max) {
        TypedQuery<Object[]> query = em.createQuery("SELECT p, t.name, t.kind FROM CdnPurgeEntity p, CdnTargetEntity t"
                + " " + (where.isEmpty() ? "WHERE" : where + " AND") + " t.id = p.targetId ORDER BY p.id DESC",
                Object[].class);
        parameters.accept(query);
        return query.setFirstResult(first).setMaxResults(max).getResultList().stream().map(row -> {
            CdnPurgeEntity p = (CdnPurgeEntity) row[0];
            PurgeItems items = p.items();
            return new QueuedPurge(p.id, p.targetId, (String) row[1], (org.portico.cdn.purge.PurgeTarget.Kind) row[2],
                    items.tags(), items.urls(), p.state, p.requestedBy, p.attempts, p.nextAttemptAt, p.claimedUntil,
                    p.lastError, p.batchesTotal, p.batchesDone, p.createdAt, p.doneAt);
        }).toList();
    }

    // ---- the worker's side ---------------------------------------------------------------------------------

    /** Rows due at {@code now} of enabled targets, the longest waiting first: pending or failed, or claimed by a worker whose lease ran out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Long> due(Instant now, int max) {
        return em.createQuery("SELECT p.id FROM CdnPurgeEntity p, CdnTargetEntity t WHERE t.id = p.targetId"
                        + " AND t.enabled = true AND (p.state IN :waiting AND p.nextAttemptAt <= :now"
                        + " OR p.state = :inFlight AND p.claimedUntil < :now) ORDER BY p.nextAttemptAt, p.id", Long.class)
                .setParameter("waiting", List.of(PurgeState.PENDING, PurgeState.FAILED))
                .setParameter("inFlight", PurgeState.IN_FLIGHT).setParameter("now", now)
                .setMaxResults(max).getResultList();
    }

    /**
     * Claims a due row for {@code lease}: one conditional update, so of the nodes that try at once exactly one wins.
     * Counts an attempt.
     *
     * @return the claim, empty when the row is not due (any more) or another worker won it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Claim> claim(long id, Instant now, Duration lease) {
        String token = RandomIds.base64url(18);
        int won = em.createQuery("UPDATE CdnPurgeEntity p SET p.state = :inFlight, p.claimToken = :token,"
                        + " p.claimedUntil = :until, p.attempts = p.attempts + 1 WHERE p.id = :id"
                        + " AND (p.state IN :waiting AND p.nextAttemptAt <= :now"
                        + " OR p.state = :inFlight AND p.claimedUntil < :now)")
                .setParameter("inFlight", PurgeState.IN_FLIGHT).setParameter("token", token)
                .setParameter("until", now.plus(lease)).setParameter("id", id)
                .setParameter("waiting", List.of(PurgeState.PENDING, PurgeState.FAILED)).setParameter("now", now)
                .executeUpdate();
        if (won == 0) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createQuery("SELECT p.targetId, p.tags, p.urls, p.attempts, p.batchesTotal,"
                        + " p.batchesDone FROM CdnPurgeEntity p WHERE p.id = :id AND p.claimToken = :token", Object[].class)
                .setParameter("id", id).setParameter("token", token).getResultList();
        return rows.stream().findFirst().map(row -> new Claim(id, token, (Long) row[0],
                new PurgeItems(PurgeItems.parse((String) row[1]), PurgeItems.parse((String) row[2])), (Integer) row[3],
                (Integer) row[4], (Integer) row[5]));
    }

    /**
     * Records the plan of a claimed row: its items as sent (tags resolved to URLs for a CDN that purges no tags) and
     * its number of batches, keeping the batches done if the plan is the one they were done under.
     *
     * @return false when the claim was lost
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean planned(Claim claim, PurgeItems items, int batchesTotal, int batchesDone) {
        return em.createQuery("UPDATE CdnPurgeEntity p SET p.tags = :tags, p.urls = :urls, p.itemCount = :count,"
                        + " p.batchesTotal = :total, p.batchesDone = :done"
                        + " WHERE p.id = :id AND p.claimToken = :token AND p.state = :inFlight")
                .setParameter("tags", PurgeItems.json(items.tags())).setParameter("urls", PurgeItems.json(items.urls()))
                .setParameter("count", items.count()).setParameter("total", batchesTotal)
                .setParameter("done", batchesDone).setParameter("id", claim.id()).setParameter("token", claim.token())
                .setParameter("inFlight", PurgeState.IN_FLIGHT).executeUpdate() == 1;
    }

    /**
     * Records that {@code batchesDone} batches were accepted, and extends the lease.
     *
     * @return false when the claim was lost (another node took the row over): stop sending
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean progressed(Claim claim, int batchesDone, Instant leaseUntil) {
        return em.createQuery("UPDATE CdnPurgeEntity p SET p.batchesDone = :done, p.claimedUntil = :until"
                        + " WHERE p.id = :id AND p.claimToken = :token AND p.state = :inFlight")
                .setParameter("done", batchesDone).setParameter("until", leaseUntil).setParameter("id", claim.id())
                .setParameter("token", claim.token()).setParameter("inFlight", PurgeState.IN_FLIGHT)
                .executeUpdate() == 1;
    }

    /** Marks a claimed row done; false when the claim was lost. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean done(Claim claim, Instant now) {
        return em.createQuery("UPDATE CdnPurgeEntity p SET p.state = :done, p.doneAt = :now, p.claimToken = NULL,"
                        + " p.claimedUntil = NULL, p.lastError = NULL"
                        + " WHERE p.id = :id AND p.claimToken = :token AND p.state = :inFlight")
                .setParameter("done", PurgeState.DONE).setParameter("now", now).setParameter("id", claim.id())
                .setParameter("token", claim.token()).setParameter("inFlight", PurgeState.IN_FLIGHT)
                .executeUpdate() == 1;
    }

    /** Gives a claimed row back as failed, to be tried at {@code nextAttemptAt}; false when the claim was lost. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean failed(Claim claim, String error, Instant nextAttemptAt) {
        String message = error == null || error.isBlank() ? "failed without a message" : error;
        return em.createQuery("UPDATE CdnPurgeEntity p SET p.state = :failed, p.lastError = :error,"
                        + " p.nextAttemptAt = :next, p.claimToken = NULL, p.claimedUntil = NULL"
                        + " WHERE p.id = :id AND p.claimToken = :token AND p.state = :inFlight")
                .setParameter("failed", PurgeState.FAILED)
                .setParameter("error", message.length() > MAX_ERROR ? message.substring(0, MAX_ERROR - 1) + "…" : message)
                .setParameter("next", nextAttemptAt).setParameter("id", claim.id()).setParameter("token", claim.token())
                .setParameter("inFlight", PurgeState.IN_FLIGHT).executeUpdate() == 1;
    }

    /** Deletes up to {@code limit} purges done before {@code before}: the retention job's. */
    @Transactional
    public int pruneDone(Instant before, int limit) {
        List<Long> old = em.createQuery("SELECT p.id FROM CdnPurgeEntity p WHERE p.state = :done AND p.doneAt < :before",
                        Long.class).setParameter("done", PurgeState.DONE).setParameter("before", before)
                .setMaxResults(limit).getResultList();
        return old.isEmpty() ? 0 : em.createQuery("DELETE FROM CdnPurgeEntity p WHERE p.id IN :ids")
                .setParameter("ids", old).executeUpdate();
    }
}

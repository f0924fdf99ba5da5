package org.portico.web.audit;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;

import org.portico.web.concurrent.BatchingWriter;
import org.portico.web.concurrent.GroupCommit;

/**
 * Records who did what, when, from where, and whether it worked; and reads it back for the admin page and the CSV
 * export. Each entry is written in a transaction of its own ({@code REQUIRES_NEW}), so a refused or rolled-back
 * change is still on record. Writing is one insert; a failure to write is logged and never breaks the action
 * being audited.
 * <p>
 * High-volume machine actions (token exchanges: one per API call of an app) use {@link #recordInBackground} instead:
 * the entry is made on the request thread (time, actor, address) and stored with others in one transaction by a
 * {@link BatchingWriter}, at the latest {@link #FLUSH_INTERVAL} later; a clean shutdown stores what is queued, and
 * {@link #count} and {@link #forEach} store the queue first (a page is read as count, then search), so the admin page
 * and the export always show every entry made so far.
 * <p>
 * Token exchanges use {@link #recordBeforeResponse}: a group commit. The request thread queues its entry and waits,
 * at most {@link #DURABLE_WAIT}, until the batch that holds it is committed; whichever waiting thread gets to write
 * first stores everything queued in one transaction, so under load one commit serves many requests. If the entry
 * cannot be stored, the caller gets {@link AuditUnavailableException} and must not answer with what it audited.
 * <p>
 * The detail is short text for people. Never pass secrets, passwords or tokens; control characters are removed and
 * long values cut.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    static final int ACTOR_LENGTH = 64;
    static final int TARGET_LENGTH = 200;
    static final int DETAIL_LENGTH = 500;
    static final int ADDRESS_LENGTH = 64;

    /** Longest wait of an entry recorded in the background. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    @PersistenceContext(unitName = "portico")
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditBatches batches;

    /** Longest wait of {@link #recordBeforeResponse} for its entry to be committed. */
    static final Duration DURABLE_WAIT = Duration.ofSeconds(5);

    private BatchingWriter<AuditEntry> background;

    /** Entries whose callers wait until they are committed. */
    private GroupCommit<AuditEntry> beforeResponse;

    @PostConstruct
    void start() {
        background = BatchingWriter.start("audit log", batches::store,
                new BatchingWriter.Settings(500, 10_000, FLUSH_INTERVAL, Duration.ofMillis(50), 3),
                BatchingWriter.Scheduler.of(scheduler));
        beforeResponse = GroupCommit.start("audit log (before response)", batches::store, 500, FLUSH_INTERVAL,
                BatchingWriter.Scheduler.of(scheduler));
    }

    @PreDestroy
    void stop() {
        beforeResponse.close();
        background.close();
    }

    @Inject
    Clock clock;

    @Inject
    HttpServletRequest request;

    /** Records an action of the person behind the current request (none outside a request: Portico itself). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(AuditAction action, String target, AuditOutcome outcome, String detail) {
        write(currentActor(), action, target, outcome, detail);
    }

    /** Records an action of the given actor, e.g. the user who just logged in; {@code null} for a guest. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAs(String actor, AuditAction action, String target, AuditOutcome outcome, String detail) {
        write(actor, action, target, outcome, detail);
    }

    /**
     * Records an action of the given actor like {@link #recordAs}, but stores it off the request path, in a batch
     * (see the class comment). For frequent machine actions whose callers must not wait for a database write.
     */
    public void recordInBackground(String actor, AuditAction action, String target, AuditOutcome outcome,
                                   String detail) {
        background.submit(entry(actor, action, target, outcome, detail));
    }

    /**
     * Records an action of the given actor and returns only once it is committed (group commit, see the class
     * comment). For actions whose answer must not leave without its audit entry (token exchanges).
     *
     * @throws AuditUnavailableException if the entry could not be stored within {@link #DURABLE_WAIT}
     */
    public void recordBeforeResponse(String actor, AuditAction action, String target, AuditOutcome outcome,
                                     String detail) {
        try {
            beforeResponse.commit(entry(actor, action, target, outcome, detail), DURABLE_WAIT);
        } catch (GroupCommit.CommitFailedException e) {
            throw new AuditUnavailableException(action, e);
        }
    }

    private AuditEntry entry(String actor, AuditAction action, String target, AuditOutcome outcome, String detail) {
        return new AuditEntry(clock.instant(), clean(actor, ACTOR_LENGTH), action.name(), clean(target, TARGET_LENGTH),
                outcome, clean(clientAddress(), ADDRESS_LENGTH), clean(detail, DETAIL_LENGTH));
    }

    private void write(String actor, AuditAction action, String target, AuditOutcome outcome, String detail) {
        try {
            em.persist(entry(actor, action, target, outcome, detail));
            em.flush();
        } catch (RuntimeException e) {
            // The audited action already happened (or was refused); losing its audit line must not turn it into an error.
            LOG.log(Level.SEVERE, e, () -> "Could not write audit entry " + action + " " + target + " " + outcome);
        }
    }

    /** The username of the current request's caller, or null for guests and work outside a request. */
    public String currentActor() {
        try {
            Principal principal = request.getUserPrincipal();
            return principal == null ? null : principal.getName();
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }

    private String clientAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }

    /** Strips control characters (no forged lines in exports or logs), trims and cuts to the column's length. */
    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength));
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String text = out.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 1) + "…";
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** One page of entries matching the filter, newest first; call {@link #count} first (it stores the queue). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> search(AuditFilter filter, int first, int pageSize) {
        TypedQuery<AuditEntry> query = query(filter, null);
        return query.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, pageSize)).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(AuditFilter filter) {
        background.flush();
        beforeResponse.flush();
        Where where = where(filter, null);
        TypedQuery<Long> count = em.createQuery("select count(e) from AuditEntry e" + where.jpql(), Long.class);
        where.bind(count);
        return count.getSingleResult();
    }

    /**
     * Hands every entry matching the filter to {@code sink}, newest first, reading {@code batchSize} rows at a time
     * (keyset paging on the id). Runs outside any transaction, so each batch is detached once read: memory stays
     * flat however long the log is.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void forEach(AuditFilter filter, int batchSize, Consumer<AuditEntry> sink) {
        background.flush();
        beforeResponse.flush();
        Long before = null;
        while (true) {
            List<AuditEntry> batch = query(filter, before).setMaxResults(batchSize).getResultList();
            batch.forEach(sink);
            if (batch.size() < batchSize) {
                return;
            }
            before = batch.get(batch.size() - 1).getId();
            em.clear();
        }
    }

    private TypedQuery<AuditEntry> query(AuditFilter filter, Long beforeId) {
        Where where = where(filter, beforeId);
        TypedQuery<AuditEntry> query = em.createQuery(
                "select e from AuditEntry e" + where.jpql() + " order by e.id desc", AuditEntry.class);
        where.bind(query);
        return query;
    }

    private record Where(List<String> conditions, List<Object[]> parameters) {

        String jpql() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }

        void bind(TypedQuery<?> query) {
            parameters.forEach(p -> query.setParameter((String) p[0], p[1]));
        }
    }

    private static Where where(AuditFilter filter, Long beforeId) {
        List<String> conditions = new ArrayList<>();
        List<Object[]> parameters = new ArrayList<>();
        if (filter.action() != null) {
            conditions.add("e.action = :action");
            parameters.add(new Object[] {"action", filter.action().name()});
        }
        if (filter.actor() != null) {
            conditions.add("lower(e.actor) = :actor");
            parameters.add(new Object[] {"actor", filter.actor().toLowerCase(Locale.ROOT)});
        }
        if (filter.targetText() != null) {
            conditions.add("lower(e.target) like :target escape '\\'");
            String escaped = filter.targetText().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            parameters.add(new Object[] {"target", "%" + escaped + "%"});
        }
        if (filter.from() != null) {
            conditions.add("e.occurredAt >= :from");
            parameters.add(new Object[] {"from", filter.from()});
        }
        if (filter.until() != null) {
            conditions.add("e.occurredAt < :until");
            parameters.add(new Object[] {"until", filter.until()});
        }
        if (beforeId != null) {
            conditions.add("e.id < :before");
            parameters.add(new Object[] {"before", beforeId});
        }
        return new Where(conditions, parameters);
    }
}

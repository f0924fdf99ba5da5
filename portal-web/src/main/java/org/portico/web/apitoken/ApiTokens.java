package org.portico.web.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.portico.web.audit.AuditAction;
import org.portico.web.audit.AuditLog;
import org.portico.web.audit.AuditOutcome;
import org.portico.web.cluster.ChangeMarkers;
import org.portico.web.cluster.Topics;
import org.portico.web.cluster.TopicsChanged;
import org.portico.web.problem.FieldMessage;
import org.portico.web.user.Role;
import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * API tokens: what a content editor's scripts and tools send as {@code Authorization: Bearer pt_…} to the CMS API
 * instead of a login cookie. A token is {@code pt_} and 256 random bits (base64url), shown once when it is made; the
 * database keeps only its SHA-256 (a secret of that entropy needs no slow hash), so a copy of the database lets no one
 * in. It grants the role {@code content-editor}, and only while its owner is enabled and still a content editor or
 * site admin, it has not expired ({@value #MAX_DAYS} days at most) and is not revoked.
 *
 * <p>Revocations live in the database; each node caches what a token is for {@link #CHECKED_FOR} (a revocation on
 * this node applies at once, on another within that time). At most {@value #MAX_LIVE} live tokens per user.
 */
@ApplicationScoped
public class ApiTokens {

    @Inject
    ChangeMarkers markers;

    public static final String PREFIX = "pt_";
    static final int MAX_LIVE = 10;
    static final int MAX_DAYS = 365;
    static final int NAME_LENGTH = 60;
    /** How long a node trusts what it read about a token (owner, roles, revocation). */
    static final Duration CHECKED_FOR = Duration.ofSeconds(30);
    /** Kept this long after expiry or revocation, for the owner's list; then pruned. */
    static final Duration KEPT_AFTER_END = Duration.ofDays(30);

    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who a valid token lets in, as far as this node knows now. */
    public record Caller(String username, long tokenId, Instant expiresAt) {
    }

    /** A token just made: the secret is shown to its owner once, never again. */
    public record Made(ApiToken token, String secret) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<Revoked> revoked;

    /** What each token hash stands for (empty: no such live token of an editor), read from the database. */
    private final Cache<String, Optional<Caller>> callers = Caffeine.newBuilder()
            .expireAfterWrite(CHECKED_FOR).maximumSize(10_000).build();
    /** When this node last wrote a token's last use (to the minute: one write a minute at most). */
    private final Cache<Long, Instant> lastUseWritten = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();

    /**
     * Makes a token for {@code username}, an enabled content editor or site admin.
     *
     * @param name what the user calls it, 1–{@value #NAME_LENGTH} characters
     * @param days how long it is valid, 1–{@value #MAX_DAYS}
     * @throws ApiTokenRejectedException with what is wrong, or when the user has {@value #MAX_LIVE} live tokens
     */
    @Transactional
    public Made create(String username, String name, int days) {
        String cleaned = name == null ? "" : name.strip();
        List<FieldMessage> problems = new ArrayList<>();
        if (cleaned.isEmpty() || cleaned.length() > NAME_LENGTH || cleaned.chars().anyMatch(Character::isISOControl)) {
            problems.add(FieldMessage.of("name", "apiToken.rule.name", NAME_LENGTH));
        }
        if (days < 1 || days > MAX_DAYS) {
            problems.add(FieldMessage.of("days", "apiToken.rule.days", MAX_DAYS));
        }
        if (!problems.isEmpty()) {
            throw new ApiTokenRejectedException.InvalidToken(problems);
        }
        Instant now = clock.instant();
        if (!editor(username)) {
            throw new ApiTokenRejectedException.NotFound(); // not for this user: as if there were nothing to make
        }
        long live = em.createQuery("SELECT COUNT(t) FROM ApiTokenEntity t WHERE t.username = :user"
                        + " AND t.revokedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("user", username).setParameter("now", now).getSingleResult();
        if (live >= MAX_LIVE) {
            throw new ApiTokenRejectedException.TooMany(MAX_LIVE);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiTokenEntity entity = new ApiTokenEntity(username, cleaned, hash(secret), now.truncatedTo(ChronoUnit.SECONDS),
                now.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS));
        em.persist(entity);
        em.flush();
        audit.recordAs(username, AuditAction.API_TOKEN_CREATED, "api-token:" + entity.id(), AuditOutcome.SUCCESS,
                "'" + cleaned + "', valid for " + days + " days");
        return new Made(entity.info(), secret);
    }

    /** The user's tokens, the newest first (live ones, and ended ones until they are pruned). */
    public List<ApiToken> of(String username) {
        return em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.username = :user ORDER BY t.id DESC",
                        ApiTokenEntity.class)
                .setParameter("user", username).getResultList().stream().map(ApiTokenEntity::info).toList();
    }

    /**
     * Revokes one of the user's own tokens; at once on this node, within {@link #CHECKED_FOR} on the others.
     *
     * @throws ApiTokenRejectedException when the user has no such token
     */
    @Transactional
    public void revoke(String username, long id) {
        ApiTokenEntity entity = em.find(ApiTokenEntity.class, id);
        if (entity == null || !entity.username().equals(username)) {
            throw new ApiTokenRejectedException.NotFound();
        }
        if (entity.revokedAt == null) {
            entity.revokedAt = clock.instant();
            audit.recordAs(username, AuditAction.API_TOKEN_REVOKED, "api-token:" + id, AuditOutcome.SUCCESS, null);
        }
        revoked.fire(new Revoked(entity.tokenHash()));
        markers.bump(Topics.API_TOKENS);
    }

    /**
     * A token's revocation: this node's cache forgets the token once it is committed (not before, or a read in
     * between could cache the old state again).
     */
    record Revoked(String tokenHash) {
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) Revoked revocation) {
        callers.invalidate(revocation.tokenHash());
    }

    /**
     * Who this bearer token lets in now: empty unless it is a live token of an enabled content editor or site admin.
     * Notes when it was used (written at most once a minute).
     */
    @Transactional
    public Optional<Caller> authenticate(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Caller> caller = callers.get(hash(token), this::read).filter(known -> now.isBefore(known.expiresAt()));
        caller.ifPresent(known -> used(known.tokenId(), now));
        return caller;
    }

    private Optional<Caller> read(String tokenHash) {
        Instant now = clock.instant();
        return em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.tokenHash = :hash", ApiTokenEntity.class)
                .setParameter("hash", tokenHash).getResultStream().findFirst()
                .filter(token -> token.revokedAt == null && now.isBefore(token.expiresAt()))
                .filter(token -> editor(token.username()))
                .map(token -> new Caller(token.username(), token.id(), token.expiresAt()));
    }

    private boolean editor(String username) {
        return users.findByUsername(username).filter(UserAccount::isEnabled).map(UserAccount::getRoles)
                .map(roles -> roles.contains(Role.CONTENT_EDITOR) || roles.contains(Role.SITE_ADMIN)).orElse(false);
    }

    private void used(long tokenId, Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(lastUseWritten.getIfPresent(tokenId))) {
            return;
        }
        lastUseWritten.put(tokenId, minute);
        em.createQuery("UPDATE ApiTokenEntity t SET t.lastUsedAt = :now WHERE t.id = :id"
                        + " AND (t.lastUsedAt IS NULL OR t.lastUsedAt < :minute)")
                .setParameter("now", now.truncatedTo(ChronoUnit.SECONDS)).setParameter("minute", minute)
                .setParameter("id", tokenId).executeUpdate();
    }

    /** Deletes up to {@code limit} tokens that ended (expired or revoked) more than {@link #KEPT_AFTER_END} ago. */
    @Transactional
    public int prune(Instant now, int limit) {
        Instant before = now.minus(KEPT_AFTER_END);
        List<Long> ended = em.createQuery("SELECT t.id FROM ApiTokenEntity t WHERE t.expiresAt < :before"
                        + " OR t.revokedAt < :before", Long.class)
                .setParameter("before", before).setMaxResults(limit).getResultList();
        if (ended.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM ApiTokenEntity t WHERE t.id IN :ids").setParameter("ids", ended)
                .executeUpdate();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A token was revoked on some node: forget the cached callers, so it stops working here within a second. */
    void forgetChangedElsewhere(@Observes(notifyObserver = Reception.IF_EXISTS) TopicsChanged change) {
        if (change.has(Topics.API_TOKENS)) {
            callers.invalidateAll();
        }
    }
}

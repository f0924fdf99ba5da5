package org.portico.web.cdn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portico.cdn.purge.PurgeTarget;
import org.portico.cms.spi.ContentKind;
import org.portico.web.cms.CmsDraft;
import org.portico.web.cms.CmsItemInfo;
import org.portico.web.cms.CmsService;
import org.portico.web.it.Deployments;
import org.portico.web.media.MediaStore;
import org.portico.web.page.PageService;
import org.portico.web.page.PortalPage;
import org.portico.web.page.Widget;
import org.portico.web.page.WidgetKind;
import org.portico.web.settings.PorticoIssuer;

/**
 * The durable purge queue in the running server, against a local endpoint that takes purges as Varnish does
 * ({@link RecordingPurgeServer}): a publish queues its purge in its own transaction (a rolled-back publish queues
 * nothing), changes in one transaction coalesce into one row, the worker delivers, a failing endpoint is retried with
 * backoff until it recovers, and a row whose worker's lease ran out (a node that died) is taken over while a live
 * lease is respected; for a CDN that purges no tags, a CMS item's tag resolves to the pages that show it. The worker runs as in production (its poll and the nudge after a commit), so the tests wait
 * for what it does. Tagged {@code database}.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class CdnPurgeQueueIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return Deployments.portico().addClasses(CdnPurgeQueueIT.class, RecordingPurgeServer.class,
                RecordingPurgeServer.Received.class);
    }

    @Inject
    CdnTargetService targets;

    @Inject
    PurgeQueue queue;

    @Inject
    CmsService cms;

    @Inject
    UserTransaction tx;

    @Inject
    PurgeUrls resolver;

    @Inject
    MediaStore media;

    @Inject
    PageService pages;

    @Inject
    PorticoIssuer issuer;

    private RecordingPurgeServer varnish;
    private CdnTarget target;

    @BeforeEach
    void startVarnish() throws Exception {
        varnish = new RecordingPurgeServer();
        target = targets.create(PurgeTarget.Kind.VARNISH, change(true), "ada");
    }

    @AfterEach
    void stopVarnish() throws Exception {
        targets.delete(target.id(), "ada");
        varnish.close();
    }

    private CdnTargetChange change(boolean enabled) {
        return new CdnTargetChange("Varnish " + unique("it"), varnish.endpoint(), Map.of("timeout", "PT2S"), null,
                enabled);
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** This test's target's rows that name the tag. */
    private List<QueuedPurge> rows(String tag) {
        return queue.list(null, 0, 200).stream()
                .filter(row -> row.targetId() == target.id() && row.tags().contains(tag)).toList();
    }

    private QueuedPurge row(long id) {
        return queue.find(id).orElseThrow();
    }

    private static <T> T await(String what, Supplier<Optional<T>> condition) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(until)) {
            Optional<T> found = condition.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("waited " + PATIENCE + " for " + what);
    }

    @Test
    void aPublishQueuesItsPurgeInItsOwnTransactionAndTheWorkerDeliversIt() throws Exception {
        String key = unique("purged");
        String tag = "cms:built-in:page:" + key;
        CmsItemInfo draft = cms.create(ContentKind.PAGE, key, "en", new CmsDraft("Purged", "", "<p>one</p>",
                Set.of("guest")), "eddie");

        tx.begin();
        cms.publish(ContentKind.PAGE, key, Locale.ENGLISH, draft.lockVersion(), "eddie");
        List<QueuedPurge> insideTheTransaction = rows(tag);
        tx.rollback();
        List<QueuedPurge> afterRollback = rows(tag);

        cms.publish(ContentKind.PAGE, key, Locale.ENGLISH, draft.lockVersion(), "eddie");
        QueuedPurge done = await("the purge done", () -> rows(tag).stream()
                .filter(row -> row.state() == PurgeState.DONE).findFirst());

        assertAll(
                () -> assertEquals(1, insideTheTransaction.size(), "queued within the publish's transaction"),
                () -> assertEquals(PurgeState.PENDING, insideTheTransaction.get(0).state()),
                () -> assertEquals(List.of(), afterRollback, "a rolled-back publish leaves no purge"),
                () -> assertTrue(varnish.purgedTags().contains(tag), varnish.received().toString()),
                () -> assertEquals("PURGE", varnish.received().get(0).method()),
                () -> assertEquals(1, done.batchesTotal()),
                () -> assertEquals(1, done.batchesDone()),
                () -> assertEquals(1, done.attempts()),
                () -> assertNull(done.requestedBy(), "a content change, not a person"),
                () -> assertTrue(done.doneAt() != null));
    }

    @Test
    void pagesAndImagesQueueThePurgeOfWhatGuestsSawWithinTheirChange() throws Exception {
        String unlisted = unique("unlisted");
        String listed = unique("listed");
        List<QueuedPurge> unlistedRows;
        tx.begin();
        try {
            pages.create(new PortalPage(unlisted, "Not in the navigation", Set.of("guest"), false, 90, List.of()), "ada");
            unlistedRows = rows("page:" + unlisted);
        } finally {
            tx.rollback();
        }
        // a second transaction: rows read above are managed by the first one's persistence context
        tx.begin();
        try {
            pages.create(new PortalPage(listed, "In the navigation", Set.of("guest"), true, 90, List.of()), "ada");
            String image = media.store(png(), "chart.png", "eddie", false).sha256();
            media.mark(image, true, "eddie");
            List<QueuedPurge> rows = rows("page:" + listed);

            assertAll(
                    () -> assertEquals(1, unlistedRows.size()),
                    () -> assertEquals(Set.of("page:" + unlisted), unlistedRows.get(0).tags(),
                            "a page outside the navigation leaves the other pages alone"),
                    () -> assertEquals(1, rows.size(), "one row: the changes of a transaction coalesce"),
                    () -> assertEquals(Set.of("page:" + listed, "nav", "media:" + image), rows.get(0).tags(),
                            "the page, the navigation every page shows, the image and the pages showing it"),
                    () -> assertEquals(PurgeState.PENDING, rows.get(0).state()));
        } finally {
            tx.rollback();
        }
        assertAll("a rolled-back change leaves no purge",
                () -> assertEquals(List.of(), rows("page:" + listed)),
                () -> assertEquals(List.of(), rows("page:" + unlisted)));
    }

    /** A valid PNG of a random width: bytes no other test stored. */
    private static byte[] png() throws java.io.IOException {
        int width = 1 + (int) (System.nanoTime() % 5000 + 5000) % 5000;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(1).put((byte) 8)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(pixels)) {
            deflate.write(new byte[width + 1]); // filter byte 0, then one grey row
        }
        chunk(out, "IDAT", pixels.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws java.io.IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(name);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void changesOfOneTransactionCoalesceIntoOneRow() throws Exception {
        String first = "cms:built-in:page:" + unique("first");
        String second = "cms:built-in:block:" + unique("second");

        tx.begin();
        try {
            queue.enqueue(Set.of(first), Set.of());
            queue.enqueue(Set.of(second, first), Set.of("https://portal.example/p/x"));
            List<QueuedPurge> rows = rows(first);

            assertAll(
                    () -> assertEquals(1, rows.size(), rows.toString()),
                    () -> assertEquals(List.of(second, first), List.copyOf(rows.get(0).tags())),
                    () -> assertEquals(Set.of("https://portal.example/p/x"), rows.get(0).urls()),
                    () -> assertEquals(List.of(), rows(second).stream().filter(row -> !row.tags().contains(first))
                            .toList(), "no second row"));
        } finally {
            tx.rollback();
        }
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUntilItRecovers() throws Exception {
        String tag = "cms:built-in:page:" + unique("retried");
        varnish.failNext(3);

        QueuedPurge queued = queue.request(target.id(), List.of(tag), List.of(), "ada").get(0);
        QueuedPurge failed = await("a failed attempt on record", () -> queue.find(queued.id())
                .filter(row -> row.state() == PurgeState.FAILED));
        Instant failedAt = Instant.now();
        QueuedPurge done = await("the purge done", () -> queue.find(queued.id())
                .filter(row -> row.state() == PurgeState.DONE));

        assertAll(
                () -> assertTrue(failed.lastError().contains("503"), failed.lastError()),
                () -> assertTrue(failed.lastError().contains("Backend fetch failed"), failed.lastError()),
                () -> assertFalse(failed.nextAttemptAt().isAfter(failedAt.plus(Duration.ofSeconds(5))),
                        "within the backoff's ceiling (at most 4 s after the third failure): " + failed.nextAttemptAt()),
                () -> assertEquals("ada", queued.requestedBy()),
                () -> assertEquals(4, done.attempts(), "three failures, then success"),
                () -> assertEquals(4, varnish.received().size()),
                () -> assertEquals(List.of(tag, tag, tag, tag), varnish.purgedTags()),
                () -> assertNull(done.lastError(), "the error goes once it is done"));
    }

    @Test
    void aRowWhoseWorkerDiedIsTakenOverAfterItsLeaseAndALiveLeaseIsRespected() throws Exception {
        target = targets.update(target.id(), change(false), target.lockVersion(), "ada");
        String orphaned = "cms:built-in:page:" + unique("orphaned");
        String held = "cms:built-in:page:" + unique("held");
        QueuedPurge orphanedRow = queue.request(target.id(), List.of(orphaned), List.of(), "ada").get(0);
        QueuedPurge heldRow = queue.request(target.id(), List.of(held), List.of(), "ada").get(0);
        // A node claims both and dies: one lease has run out, the other still holds (PurgeQueue.LEASE).
        PurgeQueue.Claim dead = queue.claim(orphanedRow.id(), Instant.now(), Duration.ofMillis(1)).orElseThrow();
        PurgeQueue.Claim live = queue.claim(heldRow.id(), Instant.now(), PurgeQueue.LEASE).orElseThrow();
        Optional<PurgeQueue.Claim> second = queue.claim(heldRow.id(), Instant.now(), PurgeQueue.LEASE);
        Thread.sleep(5);

        target = targets.update(target.id(), new CdnTargetChange(target.name(), varnish.endpoint(),
                target.options(), null, true), target.lockVersion(), "ada");
        QueuedPurge takenOver = await("the orphaned row done", () -> queue.find(orphanedRow.id())
                .filter(row -> row.state() == PurgeState.DONE));
        Thread.sleep(PurgeWorker.POLL.multipliedBy(2).toMillis()); // two more polls
        QueuedPurge stillHeld = row(heldRow.id());

        assertAll(
                () -> assertTrue(second.isEmpty(), "a claimed row cannot be claimed again while its lease holds"),
                () -> assertEquals(2, takenOver.attempts(), "the dead node's attempt and the one that took over"),
                () -> assertEquals(List.of(orphaned), varnish.purgedTags(), "sent once, the held row not at all"),
                () -> assertFalse(queue.progressed(dead, 1, Instant.now().plus(PurgeQueue.LEASE)),
                        "the dead node, back, can record nothing"),
                () -> assertFalse(queue.done(dead, Instant.now())),
                () -> assertEquals(PurgeState.IN_FLIGHT, stillHeld.state()),
                () -> assertTrue(queue.done(live, Instant.now()), "the live worker finishes its row"),
                () -> assertEquals(PurgeState.DONE, row(heldRow.id()).state()));
    }

    @Test
    void aCmsTagResolvesToThePagesThatShowTheItemForACdnThatPurgesNoTags() throws Exception {
        String block = unique("resolved");
        String pageKey = unique("cms-page");
        String slug = unique("shows");
        CmsItemInfo draft = cms.create(ContentKind.BLOCK, block, "en", new CmsDraft("", "", "<p>shown</p>",
                Set.of()), "eddie");
        cms.publish(ContentKind.BLOCK, block, Locale.ENGLISH, draft.lockVersion(), "eddie");
        pages.create(new PortalPage(slug, "Shows the block", Set.of("end-user"), false, 90, List.of(
                new Widget("block", WidgetKind.CMS_BLOCK, "", 12, Set.of(), false,
                        Json.createObjectBuilder().add("block", block).build()))), "ada");
        try {
            PurgeItems resolved = resolver.resolve(PurgeItems.of(Set.of("cms:built-in:block:" + block,
                    "cms:built-in:page:" + pageKey, "media:not-a-cms-item"), Set.of("https://cdn.example/x")));

            assertAll(
                    () -> assertEquals(Set.of(), resolved.tags()),
                    () -> assertEquals(Set.of(issuer.resolve("/p/" + slug), issuer.resolve("/p/" + pageKey),
                            "https://cdn.example/x"), resolved.urls(),
                            "the portal page with the block, the CMS page's own URL, the URL given; nothing for media"));
        } finally {
            pages.delete(slug, "ada");
        }
    }
}

package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.DatabaseSettings;
import dev.edm.config.ShopifySettings;
import dev.edm.config.StoreSecrets;
import dev.edm.event.Platform;
import dev.edm.platform.WebhookAdapter;
import dev.edm.platform.shopify.ShopifyWebhooks;
import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox and processor against a real database: group commit, dedupe, ordering, crash leftovers, leases. */
abstract class InboxContract {
    static final String SECRET = "inbox-secret";
    static final String SHOP = "inbox-shop.myshopify.com";

    @TempDir
    Path dir;

    Database db;
    final List<Ingest> running = new ArrayList<>();
    final Map<Platform, WebhookAdapter> adapters = Map.of(
            Platform.SHOPIFY,
            new ShopifyWebhooks(
                    new ShopifySettings(
                            new StoreSecrets(List.of(SECRET), Map.of()), Optional.empty(), Optional.empty()),
                    false));

    abstract DatabaseSettings settings(Path dir);

    /** The inbox journal's folder, as the server uses one (SQLite). */
    Optional<Path> journalDir() {
        return Optional.empty();
    }

    @BeforeEach
    void open() {
        db = Database.open(settings(dir));
    }

    @AfterEach
    void close() {
        running.forEach(Ingest::close);
        db.close();
    }

    Ingest start(DeliveryHandler handler, SimpleMeterRegistry registry) {
        Ingest ingest = Ingest.start(
                db,
                adapters,
                handler,
                registry,
                Clock.systemUTC(),
                new Ingest.Settings(1 << 20, 1000, UUID.randomUUID().toString(), journalDir()));
        running.add(ingest);
        return ingest;
    }

    static IngestRequest request(String webhookId, String topic, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        headers.put("x-shopify-topic", topic);
        headers.put("x-shopify-shop-domain", SHOP);
        headers.put("x-shopify-webhook-id", webhookId);
        headers.put("x-shopify-hmac-sha256", ShopifyWebhooks.sign(SECRET, bytes));
        return new IngestRequest(
                Platform.SHOPIFY,
                headers,
                "application/json",
                OptionalLong.of(bytes.length),
                () -> new ByteArrayInputStream(bytes),
                "127.0.0.1");
    }

    long count(String sql, Object... params) {
        return db.read(c -> Sql.queryOne(c, sql, rs -> rs.getLong(1), params).orElseThrow());
    }

    /** Deliveries acknowledged from the inbox journal and not yet in the database (0 without a journal). */
    static long journalBacklog(SimpleMeterRegistry registry) {
        var gauge = registry.find("edm.inbox.journal.backlog").gauge();
        return gauge == null ? 0 : (long) gauge.value();
    }

    static void awaitJournalImported(SimpleMeterRegistry registry) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (journalBacklog(registry) > 0) {
            assertThat(System.currentTimeMillis())
                    .as("journal imported in time")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    void awaitNoPending() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (count("SELECT count(*) FROM delivery WHERE status = 'pending'") > 0) {
            assertThat(System.currentTimeMillis())
                    .as("pending deliveries processed in time")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void concurrentDeliveriesAreAllCommittedAndShareCommits() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestService service = start(new InterpretingHandler(adapters, (s, deliveries) -> {}), registry)
                .service();
        int threads = 32;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < threads * each; i++) {
            String body = "{\"id\":" + i + "}";
            results.add(
                    pool.submit(() -> service.ingest(request(UUID.randomUUID().toString(), "orders/create", body))));
        }
        for (Future<IngestResult> f : results) {
            assertThat(f.get()).isInstanceOf(IngestResult.Accepted.class);
        }
        pool.shutdown();

        // every acknowledged delivery is durable: in the database, or in the inbox journal waiting for import (the
        // importer counts a batch as imported just after committing it: read the journal first, so none is missed)
        long waiting = journalBacklog(registry);
        assertThat(count("SELECT count(*) FROM delivery") + waiting).isGreaterThanOrEqualTo(threads * each);
        awaitJournalImported(registry);
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(threads * each);
        long commits = registry.get("edm.inbox.batch.size").summary().count();
        assertThat(commits)
                .as("transactions used for %d deliveries", threads * each)
                .isLessThan(threads * each);
        awaitNoPending();
        assertThat(count("SELECT count(*) FROM delivery WHERE status = 'processed'"))
                .isEqualTo(threads * each);
    }

    @Test
    void theSameDeliveryArrivingManyTimesAtOnceIsStoredOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestService service = start(new InterpretingHandler(adapters, (s, deliveries) -> {}), registry)
                .service();
        String webhookId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> service.ingest(request(webhookId, "orders/create", "{\"id\":7}"))));
        }
        List<IngestResult> outcomes = new ArrayList<>();
        for (Future<IngestResult> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(r -> r instanceof IngestResult.Accepted).hasSize(1);
        long id = ((IngestResult.Accepted) outcomes.stream()
                        .filter(r -> r instanceof IngestResult.Accepted)
                        .findFirst()
                        .orElseThrow())
                .deliveryId();
        assertThat(outcomes)
                .filteredOn(r -> r instanceof IngestResult.Duplicate)
                .hasSize(9)
                .allSatisfy(r ->
                        assertThat(((IngestResult.Duplicate) r).deliveryId()).isEqualTo(id));
        awaitJournalImported(registry);
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = ?", webhookId))
                .isEqualTo(1);
    }

    @Test
    void deliveriesLeftPendingByACrashAreProcessedOnStartInArrivalOrder() throws Exception {
        for (int i = 0; i < 30; i++) {
            int n = i;
            db.transaction(c -> {
                long id = Sql.queryOne(
                                c,
                                "INSERT INTO delivery (platform, store, topic, webhook_id, received_at, signed, headers, "
                                        + "status) VALUES ('shopify', ?, 'orders/create', ?, ?, 1, '{}', 'pending') "
                                        + "RETURNING id",
                                rs -> rs.getLong(1),
                                n % 2 == 0 ? SHOP : "other.myshopify.com",
                                "left-" + n,
                                System.currentTimeMillis())
                        .orElseThrow();
                return Sql.update(
                        c,
                        "INSERT INTO delivery_body (delivery_id, body) VALUES (?, ?)",
                        id,
                        ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
            });
        }
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        start(
                (s, d) -> {
                    seen.add(d.id());
                    return DeliveryHandler.Outcome.processed();
                },
                new SimpleMeterRegistry());

        awaitNoPending();
        assertThat(seen).hasSize(30).isSorted();
        assertThat(count("SELECT count(*) FROM delivery WHERE status = 'processed' AND processed_at IS NOT NULL"))
                .isEqualTo(30);
    }

    @Test
    void aDeliveryThatFailsIsMarkedWithItsReasonAndDoesNotBlockTheNext() throws Exception {
        IngestService service = start(
                        (s, d) -> {
                            if (new String(d.body(), StandardCharsets.UTF_8).contains("poison")) {
                                // a write that must be rolled back with the failed delivery
                                s.update("UPDATE delivery SET topic = 'changed' WHERE id = ?", d.id());
                                throw new IllegalArgumentException("cannot understand this payload");
                            }
                            return DeliveryHandler.Outcome.processed();
                        },
                        new SimpleMeterRegistry())
                .service();

        service.ingest(request("p1", "orders/create", "{\"poison\":true}"));
        service.ingest(request("p2", "orders/create", "{\"fine\":true}"));
        awaitNoPending();

        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'p1' AND status = 'failed'"))
                .isEqualTo(1);
        Optional<String> reason = db.read(c ->
                Sql.queryOne(c, "SELECT status_reason FROM delivery WHERE webhook_id = 'p1'", rs -> rs.getString(1)));
        assertThat(reason).hasValueSatisfying(r -> assertThat(r).contains("cannot understand this payload"));
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'p1' AND topic = 'orders/create'"))
                .as("the failed handler's writes are rolled back")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'p2' AND status = 'processed'"))
                .isEqualTo(1);
    }

    @Test
    void twoInstancesOnOneDatabaseProcessEachDeliveryExactlyOnce() throws Exception {
        Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
        DeliveryHandler counting = (s, d) -> {
            handled.computeIfAbsent(d.id(), k -> new AtomicInteger()).incrementAndGet();
            return DeliveryHandler.Outcome.processed();
        };
        IngestService a = start(counting, new SimpleMeterRegistry()).service();
        IngestService b = start(counting, new SimpleMeterRegistry()).service();
        for (int i = 0; i < 200; i++) {
            (i % 2 == 0 ? a : b).ingest(request(UUID.randomUUID().toString(), "orders/create", "{\"i\":" + i + "}"));
        }
        awaitNoPending();

        assertThat(handled).hasSize(200);
        assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
}

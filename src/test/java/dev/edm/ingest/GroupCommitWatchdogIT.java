package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.config.DatabaseSettings;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.storage.Database;
import dev.edm.storage.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests wait for their commit without a timer of their own: the inbox's watchdog answers them 503 when the
 * commit takes longer than the limit (here the database's writer is held by another transaction), and the
 * delivery committed after all is then a duplicate for the platform's retry.
 */
class GroupCommitWatchdogIT {
    private static final long LIMIT_MILLIS = 300;

    @TempDir
    Path dir;

    Database db;
    GroupCommitInbox inbox;

    @BeforeEach
    void open() {
        db = Database.open(
                new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null));
        inbox = new GroupCommitInbox(
                db,
                new IngestMetrics(new SimpleMeterRegistry()),
                () -> {},
                null,
                new BurstShare(Clock.systemUTC()),
                LIMIT_MILLIS);
    }

    @AfterEach
    void close() {
        inbox.close();
        db.close();
    }

    private static NewDelivery delivery(String webhookId) {
        DeliveryMeta meta = new DeliveryMeta(
                "watchdog-shop.myshopify.com", "orders/create", webhookId, null, null, null, true, Map.of());
        return new NewDelivery(
                Platform.SHOPIFY,
                meta,
                "{}",
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis());
    }

    @Test
    void aCommitThatTakesTooLongIsAnswered503AndTheLateCommitMakesTheRetryADuplicate() throws Exception {
        assertThat(inbox.submit(delivery("first")).get(5, TimeUnit.SECONDS)).isInstanceOf(IngestResult.Accepted.class);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread blocker = Thread.ofPlatform().start(() -> {
            try (Database.Pinned other = db.pin()) {
                other.transaction(
                        s -> {
                            holding.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return null;
                        },
                        true);
            }
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        try {
            long start = System.nanoTime();
            CompletableFuture<IngestResult> stuck = inbox.submit(delivery("slow"));
            assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("did not finish within " + LIMIT_MILLIS + " ms");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(waited).as("answered after the limit, not long after").isBetween(LIMIT_MILLIS, 3_000L);
        } finally {
            release.countDown();
            blocker.join(5_000);
        }

        // the writer got the database back and committed the delivery answered 503: the retry is a duplicate
        IngestResult retry = inbox.submit(delivery("slow")).get(5, TimeUnit.SECONDS);
        assertThat(retry).isInstanceOf(IngestResult.Duplicate.class);
        assertThat(inbox.submit(delivery("after")).get(5, TimeUnit.SECONDS)).isInstanceOf(IngestResult.Accepted.class);
    }

    @Test
    void commitsWithinTheLimitAreNeverFailed() throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(inbox.submit(delivery("quick-" + i)).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(IngestResult.Accepted.class);
        }
    }
}

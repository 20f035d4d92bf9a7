package dev.edm.queue;

import static dev.edm.testing.AmazonFixtures.eventBridge;
import static dev.edm.testing.AmazonFixtures.freshId;
import static dev.edm.testing.AmazonFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.testing.Await;
import dev.edm.testing.ElasticMq;
import dev.edm.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SP-API notifications from an SQS queue (ElasticMQ in-process): committed to the inbox, then deleted; a repeated
 * NotificationId applied once; messages that are not notifications kept as failed deliveries and deleted. One
 * subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AmazonQueueContract {
    static final String STORE = "amazon:A3TH9S8BH6GOGM";

    ElasticMq sqs;
    String queue;
    RunningApp app;

    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        sqs = ElasticMq.shared();
        queue = sqs.createQueue("sp-api-" + UUID.randomUUID(), 30);
        Path dir = Files.createTempDirectory("edm-amazon-queue-it");
        app = RunningApp.start(dir, databaseUrl(), sqs.edmVariables(queue));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void queueIsDrained() {
        sqs.awaitMessages(queue, 0, 10_000);
    }

    void awaitStatus(String webhookId, String status) {
        app.awaitCount(
                1, 15_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = ?", webhookId, status);
    }

    /** /health says whether the queue is being read: ok here, failing for a queue that is gone. */
    @Test
    void healthReportsTheQueueAndAQueueThatCannotBeRead() throws Exception {
        var ok = app.http().get("/health");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"amazon_queue\":\"ok\"");

        String gone = queue.substring(0, queue.lastIndexOf('/') + 1) + "never-created-" + UUID.randomUUID();
        Path dir = Files.createTempDirectory("edm-amazon-queue-gone");
        try (RunningApp other = RunningApp.start(dir, databaseUrl(), sqs.edmVariables(gone))) {
            Await.count(
                    503,
                    20_000,
                    () -> {
                        try {
                            return other.http().get("/health").statusCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "/health status with the queue gone");
            assertThat(other.http().get("/health").body())
                    .contains("\"amazon_queue\":\"receiving from the queue failed")
                    .contains("\"database\":\"ok\"");
        }
    }

    @Test
    void aNotificationIsCommittedProcessedAndThenDeleted() {
        ObjectNode order = notification("ORDER_CHANGE");
        String id = freshId(order);
        String messageId = sqs.send(queue, order.toString());

        awaitStatus(id, "processed");
        sqs.awaitMessages(queue, 0, 10_000);
        assertThat(app.text("SELECT store FROM delivery WHERE webhook_id = ?", id))
                .isEqualTo("A3TH9S8BH6GOGM");
        assertThat(app.text("SELECT event_id FROM delivery WHERE webhook_id = ?", id))
                .isEqualTo(messageId);
        assertThat(app.text("SELECT headers FROM delivery WHERE webhook_id = ?", id))
                .contains("sqs")
                .contains(messageId)
                .doesNotContain("token");
        assertThat(app.count("SELECT signed FROM delivery WHERE webhook_id = ?", id))
                .isEqualTo(1);
        assertThat(app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty()))
                .anySatisfy(l -> assertThat(l.sku()).isEqualTo("SellerSKUID1"));
    }

    @Test
    void aRepeatedNotificationIdIsStoredAndAppliedOnceAndBothMessagesAreDeleted() {
        ObjectNode mfn = notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        String id = freshId(mfn);
        ((ObjectNode) mfn.get("Payload")).put("Sku", "DUP-1").put("Quantity", 4);
        sqs.send(queue, mfn.toString());
        sqs.send(queue, eventBridge(mfn, "eb-dup").toString()); // the same notification through EventBridge

        awaitStatus(id, "processed");
        sqs.awaitMessages(queue, 0, 10_000);
        assertThat(app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", id))
                .isEqualTo(1);
        assertThat(app.app()
                        .core()
                        .inventory()
                        .variant("amazon:AXXXXXXXXXXXXX", "DUP-1")
                        .orElseThrow()
                        .stockTotal())
                .isEqualTo(4);
        assertThat(app.http().get("/metrics").body())
                .containsPattern("edm_deliveries_total\\{[^}]*outcome=\"duplicate\"[^}]*platform=\"amazon\"");
    }

    @Test
    void messagesThatAreNotNotificationsAreKeptAsFailedAndDeleted() {
        String garbage = sqs.send(queue, "this is not JSON");
        String s3Event = sqs.send(queue, "{\"Records\":[{\"eventSource\":\"aws:s3\"}]}");
        ObjectNode noSku = notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        String noSkuId = freshId(noSku);
        ((ObjectNode) noSku.get("Payload")).remove("Sku");
        sqs.send(queue, noSku.toString());

        awaitStatus(garbage, "failed");
        awaitStatus(s3Event, "failed");
        awaitStatus(noSkuId, "failed");
        sqs.awaitMessages(queue, 0, 10_000);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", garbage))
                .contains("not valid JSON");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", s3Event))
                .contains("no NotificationType");
        assertThat(app.text("SELECT store FROM delivery WHERE webhook_id = ?", garbage))
                .isEqualTo("unknown");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", noSkuId))
                .contains("missing Sku");
    }
}

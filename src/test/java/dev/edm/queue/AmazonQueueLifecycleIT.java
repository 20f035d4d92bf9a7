package dev.edm.queue;

import static dev.edm.testing.AmazonFixtures.freshId;
import static dev.edm.testing.AmazonFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.testing.Await;
import dev.edm.testing.ElasticMq;
import dev.edm.testing.RunningApp;
import dev.edm.testing.TcpProxy;
import dev.edm.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQS poller when storage goes away and comes back, and when edm shuts down during a long poll. */
class AmazonQueueLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void whileStorageIsDownTheMessageStaysInTheQueueAndIsCommittedOnceItIsBack() throws Exception {
        ElasticMq sqs = ElasticMq.shared();
        String queue = sqs.createQueue("outage-" + UUID.randomUUID(), 2);
        String direct = TestDatabases.freshPostgresUrl();
        URI target = URI.create(direct.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            String viaProxy = direct.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port());
            try (RunningApp app = RunningApp.start(dir, viaProxy, sqs.edmVariables(queue))) {
                ObjectNode before = notification("ORDER_CHANGE");
                String beforeId = freshId(before);
                sqs.send(queue, before.toString());
                app.awaitCount(1, 15_000, "SELECT count(*) FROM delivery WHERE webhook_id = ?", beforeId);
                sqs.awaitMessages(queue, 0, 10_000);

                proxy.cut();
                ObjectNode during = notification("ORDER_CHANGE");
                String duringId = freshId(during);
                sqs.send(queue, during.toString());
                // several visibility timeouts (2 s) pass: received, not committed, never deleted
                Thread.sleep(8_000);
                assertThat(sqs.messages(queue)).isEqualTo(1);

                proxy.restore();
                Await.count(
                        1,
                        60_000,
                        () -> TestDatabases.count(
                                direct, "SELECT count(*) FROM delivery WHERE webhook_id = ?", duringId),
                        "the delivery committed after the outage");
                sqs.awaitMessages(queue, 0, 30_000);
            }
        }
        assertThat(TestDatabases.count(direct, "SELECT count(*) FROM delivery WHERE platform = 'amazon'"))
                .isEqualTo(2);
    }

    @Test
    void shutdownDuringALongPollIsPrompt() throws Exception {
        ElasticMq sqs = ElasticMq.shared();
        String queue = sqs.createQueue("shutdown-" + UUID.randomUUID(), 30);
        RunningApp app = RunningApp.start(dir, null, sqs.edmVariables(queue));
        Thread.sleep(1_500); // the poller now waits in a 20 s long poll

        long start = System.nanoTime();
        app.close();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("close took %d ms", millis).isLessThan(5_000); // a long poll lasts 20 s
        ObjectNode after = notification("ORDER_CHANGE");
        freshId(after);
        sqs.send(queue, after.toString());
        Thread.sleep(1_000);
        assertThat(sqs.messages(queue)).as("nothing polls after shutdown").isEqualTo(1);
    }
}

package dev.edm.queue;

import dev.edm.config.AmazonSettings;
import dev.edm.event.Platform;
import dev.edm.ingest.IngestRequest;
import dev.edm.ingest.IngestResult;
import dev.edm.ingest.IngestService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Long-polls one SQS queue on a background thread and hands every message to ingest. A message is deleted
 * only after ingest committed it (accepted or duplicate); when storage fails it stays in the queue and comes
 * back after its visibility timeout. Messages that are not notifications are committed too (as failed
 * deliveries, by the adapter) and deleted, so they are not retried forever.
 */
public final class SqsPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsPoller.class);
    private static final int WAIT_SECONDS = 20;
    private static final int MAX_MESSAGES = 10;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SqsClient sqs;
    private final String queueUrl;
    private final IngestService ingest;
    private final Platform platform;
    private final Function<String, Map<String, String>> headers;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object batch = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    /** Receives failed in a row, and the last one's error: {@link #problem} after {@value #FAILING_AFTER}. */
    private volatile int receiveFailures;

    private volatile String lastFailure;
    private static final int FAILING_AFTER = 3;

    private SqsPoller(
            SqsClient sqs,
            String queueUrl,
            IngestService ingest,
            Platform platform,
            Function<String, Map<String, String>> headers) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.ingest = ingest;
        this.platform = platform;
        this.headers = headers;
        this.thread = Thread.ofPlatform().name("edm-sqs-poller").daemon().unstarted(this::run);
    }

    /**
     * Starts polling.
     *
     * @param headers the headers under which a message (by its SQS message id) is handed to ingest
     */
    public static SqsPoller start(
            AmazonSettings.Queue queue,
            IngestService ingest,
            Platform platform,
            Function<String, Map<String, String>> headers) {
        SqsPoller poller = new SqsPoller(client(queue), queue.url(), ingest, platform, headers);
        poller.thread.start();
        log.info("polling SQS queue {} for {} notifications", queue.url(), platform.id());
        return poller;
    }

    static SqsClient client(AmazonSettings.Queue queue) {
        AwsCredentialsProvider credentials = queue.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        queue.accessKeyId().get(), queue.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(queue.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(WAIT_SECONDS + 10)));
        queue.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private void run() {
        int failures = 0;
        while (running) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(MAX_MESSAGES)
                                .waitTimeSeconds(WAIT_SECONDS))
                        .messages();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                lastFailure = e.toString();
                receiveFailures++;
                log.warn("receiving from SQS failed ({} in a row): {}", failures, e.toString());
                pause(failures);
                continue;
            }
            receiveFailures = 0;
            boolean committed;
            synchronized (batch) {
                if (!running) {
                    return; // received while stopping: not ingested, visible again after the timeout
                }
                committed = handle(messages);
            }
            failures = committed ? 0 : failures + 1;
            if (!committed) {
                pause(failures);
            }
        }
    }

    /** Ingests and deletes what was committed; false when storage failed (the rest stay in the queue). */
    private boolean handle(List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> committed = new ArrayList<>(messages.size());
        boolean storageAnswered = true;
        for (Message message : messages) {
            IngestResult result;
            try {
                result = ingest.ingest(request(message));
            } catch (RuntimeException e) {
                log.warn(
                        "storage unavailable, SQS message {} stays in the queue for a retry: {}",
                        message.messageId(),
                        e.getMessage());
                storageAnswered = false;
                break;
            }
            switch (result) {
                case IngestResult.Accepted a -> committed.add(entry(message));
                case IngestResult.Duplicate d -> committed.add(entry(message));
                case IngestResult.Acknowledged a -> committed.add(entry(message)); // nothing to keep (a ping)
                case IngestResult.Rejected r ->
                    log.error(
                            "SQS message {} refused ({}: {}); left in the queue for its dead-letter queue",
                            message.messageId(),
                            r.reason().id(),
                            r.message());
            }
        }
        delete(committed);
        return storageAnswered;
    }

    private IngestRequest request(Message message) {
        byte[] body = message.body() == null ? new byte[0] : message.body().getBytes(StandardCharsets.UTF_8);
        return new IngestRequest(
                platform,
                headers.apply(message.messageId()),
                "application/json",
                OptionalLong.of(body.length),
                () -> new ByteArrayInputStream(body),
                "sqs");
    }

    private static DeleteMessageBatchRequestEntry entry(Message message) {
        return DeleteMessageBatchRequestEntry.builder()
                .id(message.messageId())
                .receiptHandle(message.receiptHandle())
                .build();
    }

    private void delete(List<DeleteMessageBatchRequestEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            DeleteMessageBatchResponse response =
                    sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            response.failed()
                    .forEach(f -> log.warn(
                            "SQS message {} was committed but not deleted ({}); its redelivery will be a duplicate",
                            f.id(),
                            f.message()));
        } catch (RuntimeException e) {
            log.warn(
                    "deleting {} committed SQS messages failed; their redelivery will be duplicates: {}",
                    entries.size(),
                    e.toString());
        }
    }

    private void pause(int failures) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 10));
        try {
            stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Why the queue is not being read, once {@value #FAILING_AFTER} receives in a row have failed (about 3 s
     * with the backoff; a single failure is retried without notice); empty while receiving works.
     */
    public Optional<String> problem() {
        int failed = receiveFailures;
        return failed >= FAILING_AFTER
                ? Optional.of("receiving from the queue failed " + failed + " times in a row: " + lastFailure)
                : Optional.empty();
    }

    /** Lets a batch being ingested finish (commit and delete), then aborts the long poll and stops. */
    @Override
    public void close() {
        running = false;
        stopping.countDown();
        synchronized (batch) {
            // waits for a batch in progress
        }
        sqs.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

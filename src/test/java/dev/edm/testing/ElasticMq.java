package dev.edm.testing;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An in-process SQS-compatible server (ElasticMQ) on a free loopback port, with a client to drive it. Starting
 * one takes seconds, so test classes share one per JVM, each with queues of its own.
 */
public final class ElasticMq implements AutoCloseable {
    private static ElasticMq shared;

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient client;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = SqsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .endpointOverride(URI.create(endpoint))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** The server shared by this JVM's tests, stopped when the JVM exits. */
    public static synchronized ElasticMq shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static ElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMq(server, port);
    }

    /** Creates a standard queue whose received messages come back after {@code visibilitySeconds}; its URL. */
    public String createQueue(String name, int visibilitySeconds) {
        return client.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds))))
                .queueUrl();
    }

    /** Sends one message; its SQS message id. */
    public String send(String queueUrl, String body) {
        return client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** Messages still in the queue, visible or in flight. */
    public long messages(String queueUrl) {
        Map<QueueAttributeName, String> a = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits until the queue holds the expected number of messages, or fails. */
    public void awaitMessages(String queueUrl, long expected, long timeoutMillis) {
        Await.count(expected, timeoutMillis, () -> messages(queueUrl), "messages in " + queueUrl);
    }

    /** The edm variables that make an App poll this queue. */
    public Map<String, String> edmVariables(String queueUrl) {
        return Map.of(
                "EDM_AMAZON_SQS_QUEUE_URL", queueUrl,
                "EDM_AMAZON_SQS_ENDPOINT", endpoint,
                "EDM_AMAZON_REGION", "us-east-1",
                "EDM_AMAZON_ACCESS_KEY_ID", "edm-test",
                "EDM_AMAZON_SECRET_ACCESS_KEY", "edm-test-secret");
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}

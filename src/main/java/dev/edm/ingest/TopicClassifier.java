package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.WebhookAdapter;
import java.sql.Connection;
import java.util.Map;

/**
 * The processing step until payloads are interpreted: a delivery whose topic its platform adapter handles
 * is marked processed, any other topic ignored with the reason recorded.
 */
public final class TopicClassifier implements DeliveryHandler {
    private final Map<Platform, WebhookAdapter> adapters;

    public TopicClassifier(Map<Platform, WebhookAdapter> adapters) {
        this.adapters = Map.copyOf(adapters);
    }

    @Override
    public Outcome handle(Connection c, StoredDelivery delivery) {
        WebhookAdapter adapter = adapters.get(delivery.platform());
        if (adapter == null) {
            return Outcome.failed(
                    "no adapter for platform " + delivery.platform().id());
        }
        if (!adapter.handlesTopic(delivery.topic())) {
            return Outcome.ignored("topic " + delivery.topic() + " is not used by edm");
        }
        return Outcome.processed();
    }
}

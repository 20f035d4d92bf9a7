package dev.edm.ingest;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.event.Provenance;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Gives a delivery its meaning: the platform adapter turns it into canonical events, which go to the
 * sink in the same transaction. Unknown topics are ignored with the reason; unreadable payloads fail.
 */
public final class InterpretingHandler implements DeliveryHandler {
    private final Map<Platform, WebhookAdapter> adapters;
    private final EventSink sink;

    public InterpretingHandler(Map<Platform, WebhookAdapter> adapters, EventSink sink) {
        this.adapters = Map.copyOf(adapters);
        this.sink = sink;
    }

    @Override
    public Outcome handle(Session session, StoredDelivery delivery) throws SQLException {
        WebhookAdapter adapter = adapters.get(delivery.platform());
        if (adapter == null) {
            return Outcome.failed(
                    "no adapter for platform " + delivery.platform().id());
        }
        if (!adapter.handlesTopic(delivery.topic())) {
            return Outcome.ignored("topic " + delivery.topic() + " is not used by edm");
        }
        List<CanonicalEvent> events;
        try {
            events = adapter.interpret(delivery.topic(), delivery.store(), delivery.body(), delivery.receivedAt());
        } catch (UnreadablePayloadException e) {
            return Outcome.failed("cannot understand the payload: " + e.getMessage());
        }
        sink.accept(session, new Provenance(delivery.id(), delivery.receivedAt()), events);
        return new Outcome(DeliveryStatus.PROCESSED, events.size() + (events.size() == 1 ? " event" : " events"));
    }
}

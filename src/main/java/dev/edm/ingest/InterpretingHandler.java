package dev.edm.ingest;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Platform;
import dev.edm.event.Provenance;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives a delivery its meaning: the platform adapter turns it into canonical events, which go to the
 * sink in the same transaction. Unknown topics are ignored with the reason; unreadable payloads fail.
 */
public final class InterpretingHandler implements DeliveryHandler {
    private final Map<Platform, WebhookAdapter> adapters;
    private final EventSink sink;
    private final Prepared<Meaning> prepared = new Prepared<>(this::interpret);

    public InterpretingHandler(Map<Platform, WebhookAdapter> adapters, EventSink sink) {
        this.adapters = Map.copyOf(adapters);
        this.sink = sink;
    }

    @Override
    public Outcome handle(Session session, StoredDelivery delivery) throws SQLException {
        return handleAll(session, List.of(delivery)).get(0);
    }

    /** Interpreting is pure and the costly part: done ahead, on every core, when the processor prepares. */
    @Override
    public void prepare(List<StoredDelivery> deliveries) {
        prepared.prepare(deliveries);
    }

    @Override
    public List<Outcome> handleAll(Session session, List<StoredDelivery> deliveries) throws SQLException {
        List<Meaning> meanings = prepared.take(deliveries);
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        List<DeliveryEvents> applied = new ArrayList<>(deliveries.size());
        for (Meaning m : meanings) {
            outcomes.add(m.outcome());
            if (m.events() != null) {
                applied.add(m.events());
            }
        }
        sink.acceptAll(session, applied);
        return outcomes;
    }

    /** A delivery's outcome and, when it is processed, its events. */
    private record Meaning(Outcome outcome, DeliveryEvents events) {}

    private Meaning interpret(StoredDelivery delivery) {
        WebhookAdapter adapter = adapters.get(delivery.platform());
        if (adapter == null) {
            return new Meaning(
                    Outcome.failed(
                            "no adapter for platform " + delivery.platform().id()),
                    null);
        }
        if (!adapter.handlesTopic(delivery.topic())) {
            return new Meaning(Outcome.ignored("topic " + delivery.topic() + " is not used by edm"), null);
        }
        List<CanonicalEvent> events;
        try {
            events = adapter.interpret(delivery.topic(), delivery.store(), delivery.body(), delivery.receivedAt());
        } catch (UnreadablePayloadException e) {
            return new Meaning(Outcome.failed("cannot understand the payload: " + e.getMessage()), null);
        }
        return new Meaning(
                new Outcome(DeliveryStatus.PROCESSED, events.size() + (events.size() == 1 ? " event" : " events")),
                new DeliveryEvents(new Provenance(delivery.id(), delivery.receivedAt()), events));
    }
}

package dev.edm.fetch;

import dev.edm.event.Platform;
import dev.edm.ingest.DeliveryHandler;
import dev.edm.ingest.DeliveryStatus;
import dev.edm.ingest.StoredDelivery;
import dev.edm.platform.DetailRequest;
import dev.edm.platform.DetailRequests;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Live processing of thin deliveries: besides what the delivery means by itself (the wrapped handler), records
 * the resources it names for the fetcher, in the same transaction, so a processed delivery never loses its
 * request. Replay does not use it: replay reads the documents already stored and never the network.
 */
public final class FetchRequestingHandler implements DeliveryHandler {
    private final Map<Platform, WebhookAdapter> adapters;
    private final DeliveryHandler next;
    private final Clock clock;

    public FetchRequestingHandler(Map<Platform, WebhookAdapter> adapters, DeliveryHandler next, Clock clock) {
        this.adapters = Map.copyOf(adapters);
        this.next = next;
        this.clock = clock;
    }

    @Override
    public Outcome handle(Session session, StoredDelivery delivery) throws SQLException {
        WebhookAdapter adapter = adapters.get(delivery.platform());
        if (!(adapter instanceof DetailRequests source) || !adapter.handlesTopic(delivery.topic())) {
            return next.handle(session, delivery);
        }
        List<DetailRequest> requests;
        try {
            requests = source.detailRequests(delivery.topic(), delivery.store(), delivery.body());
        } catch (UnreadablePayloadException e) {
            return Outcome.failed("cannot understand the payload: " + e.getMessage());
        }
        Outcome outcome = next.handle(session, delivery);
        if (outcome.status() != DeliveryStatus.PROCESSED || requests.isEmpty()) {
            return outcome;
        }
        FetchJobs.enqueue(session, delivery, requests, clock.millis());
        String asked = requests.stream().map(DetailRequest::toString).collect(Collectors.joining(", "));
        String reason = outcome.reason() == null ? "" : outcome.reason() + "; ";
        return new Outcome(DeliveryStatus.PROCESSED, reason + "read from the API: " + asked);
    }
}

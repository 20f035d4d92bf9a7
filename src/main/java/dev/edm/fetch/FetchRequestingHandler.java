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
import java.util.ArrayList;
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
        return handleAll(session, List.of(delivery)).get(0);
    }

    @Override
    public void prepare(List<StoredDelivery> deliveries) {
        next.prepare(deliveries);
    }

    /** The wrapped handler sees the whole batch (so it can write in bulk); requests are recorded after it. */
    @Override
    public List<Outcome> handleAll(Session session, List<StoredDelivery> deliveries) throws SQLException {
        Outcome[] outcomes = new Outcome[deliveries.size()];
        List<List<DetailRequest>> requests = new ArrayList<>(deliveries.size());
        List<StoredDelivery> passed = new ArrayList<>(deliveries.size());
        List<Integer> positions = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            StoredDelivery delivery = deliveries.get(i);
            List<DetailRequest> asked = List.of();
            WebhookAdapter adapter = adapters.get(delivery.platform());
            if (adapter instanceof DetailRequests source && adapter.handlesTopic(delivery.topic())) {
                try {
                    asked = source.detailRequests(delivery.topic(), delivery.store(), delivery.body());
                } catch (UnreadablePayloadException e) {
                    outcomes[i] = Outcome.failed("cannot understand the payload: " + e.getMessage());
                    requests.add(asked);
                    continue;
                }
            }
            requests.add(asked);
            passed.add(delivery);
            positions.add(i);
        }
        List<Outcome> handled = next.handleAll(session, passed);
        for (int k = 0; k < passed.size(); k++) {
            int i = positions.get(k);
            Outcome outcome = handled.get(k);
            List<DetailRequest> asked = requests.get(i);
            if (outcome.status() == DeliveryStatus.PROCESSED && !asked.isEmpty()) {
                FetchJobs.enqueue(session, passed.get(k), asked, clock.millis());
                String names = asked.stream().map(DetailRequest::toString).collect(Collectors.joining(", "));
                String reason = outcome.reason() == null ? "" : outcome.reason() + "; ";
                outcome = new Outcome(DeliveryStatus.PROCESSED, reason + "read from the API: " + names);
            }
            outcomes[i] = outcome;
        }
        return List.of(outcomes);
    }
}

package dev.edm.ingest;

import dev.edm.event.DeliveryEvents;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.List;

/**
 * Receives the canonical events of a batch of deliveries, in order, inside the processing transaction;
 * whatever it writes commits together with the deliveries' statuses, so each delivery is applied exactly once.
 */
@FunctionalInterface
public interface EventSink {
    void acceptAll(Session session, List<DeliveryEvents> deliveries) throws SQLException;
}

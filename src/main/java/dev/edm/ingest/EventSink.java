package dev.edm.ingest;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Provenance;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.List;

/**
 * Receives the canonical events of one delivery inside the processing transaction; whatever it writes
 * commits together with the delivery's status, so a delivery is applied exactly once.
 */
@FunctionalInterface
public interface EventSink {
    void accept(Session session, Provenance provenance, List<CanonicalEvent> events) throws SQLException;

    /** Several deliveries' events, in order, in one transaction; sinks that can batch their writes override this. */
    default void acceptAll(Session session, List<DeliveryEvents> deliveries) throws SQLException {
        for (DeliveryEvents d : deliveries) {
            accept(session, d.provenance(), d.events());
        }
    }
}

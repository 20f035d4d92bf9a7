package dev.edm.ingest;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a stored delivery its meaning. Runs inside the processing transaction, so whatever it writes
 * commits together with the delivery's new status: a delivery is applied exactly once.
 */
@FunctionalInterface
public interface DeliveryHandler {
    Outcome handle(Session session, StoredDelivery delivery) throws SQLException;

    /**
     * Handles several deliveries, in order, in one transaction; one outcome per delivery. Handlers that can
     * batch their writes override this. Throws when something fails that is not a delivery's own fault; the
     * caller then redoes the deliveries one at a time.
     */
    default List<Outcome> handleAll(Session session, List<StoredDelivery> deliveries) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        for (StoredDelivery delivery : deliveries) {
            outcomes.add(handle(session, delivery));
        }
        return outcomes;
    }

    /**
     * Work that needs no transaction (parsing), done for these deliveries before {@link #handleAll} is called
     * for them, outside the database writer's lock, so webhook commits wait less. Optional: handlers that
     * wrap another must pass it on.
     */
    default void prepare(List<StoredDelivery> deliveries) {}

    /** The resulting status and, for ignored or failed deliveries, why. */
    record Outcome(DeliveryStatus status, String reason) {
        public static Outcome processed() {
            return new Outcome(DeliveryStatus.PROCESSED, null);
        }

        public static Outcome ignored(String reason) {
            return new Outcome(DeliveryStatus.IGNORED, reason);
        }

        public static Outcome failed(String reason) {
            return new Outcome(DeliveryStatus.FAILED, reason);
        }
    }
}

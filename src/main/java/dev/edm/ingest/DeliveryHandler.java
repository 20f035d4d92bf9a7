package dev.edm.ingest;

import dev.edm.storage.Session;
import java.sql.SQLException;

/**
 * Gives a stored delivery its meaning. Runs inside the processing transaction, so whatever it writes
 * commits together with the delivery's new status: a delivery is applied exactly once.
 */
@FunctionalInterface
public interface DeliveryHandler {
    Outcome handle(Session session, StoredDelivery delivery) throws SQLException;

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

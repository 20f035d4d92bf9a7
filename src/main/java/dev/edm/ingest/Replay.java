package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import dev.edm.storage.Session;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Rebuilds derived state from the inbox: under the processing lease, empties the derived state (full replay)
 * or keeps it (since a time: re-applying is idempotent), marks the deliveries pending again and processes
 * them here through the same handler as live processing. Deliveries whose bodies retention purged are left
 * as they are: state can be rebuilt only from the retained ones.
 */
public final class Replay {
    /** Empties derived state inside the replay's first transaction. */
    @FunctionalInterface
    public interface StateReset {
        void clear(Session session) throws SQLException;
    }

    /**
     * How much was replayed and how long it took; {@code cpuMillis} is the replaying thread's CPU time, which a
     * busy machine disturbs far less than elapsed time.
     */
    public record Result(long deliveries, long millis, long cpuMillis) {
        public double perSecond() {
            return millis == 0 ? deliveries : deliveries * 1000.0 / millis;
        }
    }

    private Replay() {}

    /** Deliveries per replay transaction (each row a batch touches is written once per batch). */
    public static final int BATCH = 50_000;

    public static Result run(
            Database db, DeliveryHandler handler, Clock clock, Optional<Instant> since, StateReset reset) {
        return run(db, handler, clock, since, reset, BATCH);
    }

    /** As {@link #run(Database, DeliveryHandler, Clock, Optional, StateReset)}, in transactions of {@code batch}. */
    public static Result run(
            Database db, DeliveryHandler handler, Clock clock, Optional<Instant> since, StateReset reset, int batch) {
        String owner = "replay-" + UUID.randomUUID();
        db.transaction(c -> {
            if (!Leases.tryAcquire(c, DeliveryProcessor.LEASE, owner, clock.millis(), 60_000)) {
                throw new IllegalStateException(
                        "a running edm instance is processing deliveries; stop it before replaying");
            }
            try (Session s = new Session(c)) {
                if (since.isEmpty()) {
                    reset.clear(s);
                    s.update("UPDATE delivery SET status = 'pending', status_reason = NULL, processed_at = NULL "
                            + "WHERE body_purged_at IS NULL");
                } else {
                    s.update(
                            "UPDATE delivery SET status = 'pending', status_reason = NULL, processed_at = NULL "
                                    + "WHERE received_at >= ? AND body_purged_at IS NULL",
                            since.get().toEpochMilli());
                }
            }
            return null;
        });
        long start = System.nanoTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        DeliveryProcessor processor = DeliveryProcessor.forReplay(
                db, handler, new IngestMetrics(new SimpleMeterRegistry()), clock, owner, batch);
        try {
            long n = processor.drain();
            return new Result(
                    n,
                    (System.nanoTime() - start) / 1_000_000,
                    (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
        } finally {
            processor.close();
        }
    }
}

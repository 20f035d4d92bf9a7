package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Processes the pending deliveries here and now (a command that stored deliveries of its own, e.g. {@code edm
 * sync}), through the live handler and under the processing lease; when a running server holds the lease, it
 * processes them itself and this does nothing.
 */
public final class PendingDrain {
    private PendingDrain() {}

    /** How many deliveries were processed, or empty when another instance is processing. */
    public static OptionalLong run(Database db, DeliveryHandler handler, Clock clock) {
        String owner = "drain-" + UUID.randomUUID();
        boolean mine =
                db.transaction(c -> Leases.tryAcquire(c, DeliveryProcessor.LEASE, owner, clock.millis(), 30_000));
        if (!mine) {
            return OptionalLong.empty();
        }
        DeliveryProcessor processor = new DeliveryProcessor(
                db, handler, new IngestMetrics(new SimpleMeterRegistry()), clock, owner, new BurstShare(clock));
        try {
            return OptionalLong.of(processor.drain());
        } finally {
            processor.close();
        }
    }
}

package dev.edm.ingest;

import dev.edm.event.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Counters and timers for deliveries: received, accepted, duplicate, rejected by reason, commit latency. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Timer commitLatency;
    private final DistributionSummary batchSize;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    // the two counters every accepted delivery increments, found without building a key
    private final Map<Platform, Counter> received = new ConcurrentHashMap<>();
    private final Map<Platform, Counter> accepted = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commitLatency = Timer.builder("edm.inbox.commit")
                .description("Time to commit one group of deliveries to the inbox")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.batchSize = DistributionSummary.builder("edm.inbox.batch.size")
                .description("Deliveries committed together in one transaction")
                .register(registry);
    }

    void received(Platform platform) {
        Counter c = received.get(platform);
        if (c == null) {
            c = counter(
                    "received|" + platform.id(),
                    () -> Counter.builder("edm.deliveries.received")
                            .description("Deliveries received, before any check")
                            .tag("platform", platform.id()));
            received.put(platform, c);
        }
        c.increment();
    }

    /** Meters are looked up once per tag set; the hot path only increments. */
    private Counter counter(String key, Supplier<Counter.Builder> builder) {
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> builder.get().register(registry));
        }
        return c;
    }

    void outcome(Platform platform, IngestResult result) {
        if (result instanceof IngestResult.Accepted) {
            Counter c = accepted.get(platform);
            if (c == null) {
                c = outcomeCounter(platform, "accepted", "none");
                accepted.put(platform, c);
            }
            c.increment();
            return;
        }
        String outcome;
        String reason;
        switch (result) {
            case IngestResult.Accepted a -> {
                outcome = "accepted";
                reason = "none";
            }
            case IngestResult.Duplicate d -> {
                outcome = "duplicate";
                reason = "none";
            }
            case IngestResult.Acknowledged a -> {
                outcome = "acknowledged";
                reason = "none";
            }
            case IngestResult.Rejected r -> {
                outcome = "rejected";
                reason = r.reason().id();
            }
        }
        outcomeCounter(platform, outcome, reason).increment();
    }

    private Counter outcomeCounter(Platform platform, String o, String r) {
        return counter(
                "outcome|" + platform.id() + "|" + o + "|" + r,
                () -> Counter.builder("edm.deliveries")
                        .description(
                                "Deliveries by outcome (accepted, duplicate, acknowledged, rejected) and rejection reason")
                        .tag("platform", platform.id())
                        .tag("outcome", o)
                        .tag("reason", r));
    }

    void storageFailure(Platform platform) {
        Counter.builder("edm.deliveries.unavailable")
                .description("Deliveries answered 503 because storage failed")
                .tag("platform", platform.id())
                .register(registry)
                .increment();
    }

    void committed(long nanos, int deliveries) {
        commitLatency.record(Duration.ofNanos(nanos));
        batchSize.record(deliveries);
    }

    void processed(Platform platform, DeliveryStatus status) {
        counter(
                        "processed|" + platform.id() + "|" + status.id(),
                        () -> Counter.builder("edm.deliveries.processed")
                                .description("Deliveries processed, by resulting status")
                                .tag("platform", platform.id())
                                .tag("status", status.id()))
                .increment();
    }

    void backlog(Supplier<Number> pending) {
        io.micrometer.core.instrument.Gauge.builder("edm.processing.backlog", pending)
                .description("Deliveries committed but not yet processed")
                .register(registry);
    }

    void journalBacklog(Supplier<Number> waiting) {
        io.micrometer.core.instrument.Gauge.builder("edm.inbox.journal.backlog", waiting)
                .description("Deliveries acknowledged from the inbox journal and not yet imported into the database")
                .register(registry);
    }

    void journalImported(int deliveries) {
        counter(
                        "journal-imported",
                        () -> Counter.builder("edm.inbox.journal.imported")
                                .description("Deliveries moved from the inbox journal into the database"))
                .increment(deliveries);
    }
}

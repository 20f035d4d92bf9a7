package dev.edm.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.event.Platform;
import dev.edm.ingest.InboxInsert;
import dev.edm.ingest.IngestResult;
import dev.edm.platform.DeliveryMeta;
import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import dev.edm.storage.Session;
import dev.edm.storage.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background fetcher: takes the oldest due request, reads the resource through its platform's
 * {@link DetailSource}, and in one transaction stores the document as a new delivery (deduplicated on the
 * request key) and settles every pending request for that resource. A failure is logged, counted and retried
 * later with backoff; the request stays pending meanwhile. Runs on one instance at a time (a database lease).
 */
public final class DetailFetcher implements AutoCloseable {
    static final String LEASE = "detail-fetcher";
    private static final Logger log = LoggerFactory.getLogger(DetailFetcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LEASE_TTL_MILLIS = 60_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final Database db;
    private final Map<Platform, DetailSource> sources;
    private final Clock clock;
    private final String owner;
    private final Runnable afterStore;
    private final long idleMillis;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private final MeterRegistry registry;
    private volatile boolean running = true;

    private DetailFetcher(
            Database db,
            Map<Platform, DetailSource> sources,
            MeterRegistry registry,
            Clock clock,
            String owner,
            Runnable afterStore,
            long idleMillis) {
        this.db = db;
        this.sources = Map.copyOf(sources);
        this.registry = registry;
        this.clock = clock;
        this.owner = owner;
        this.afterStore = afterStore;
        this.idleMillis = idleMillis;
        this.thread = Thread.ofPlatform().name("edm-fetcher").daemon().unstarted(this::run);
        Gauge.builder("edm.fetch.pending", this::pendingOrNaN)
                .description("Requests to read a resource from a platform API that have not succeeded yet")
                .register(registry);
    }

    /** Makes every pending request due (a restart retries at once) and starts the fetcher thread. */
    public static DetailFetcher start(
            Database db,
            Map<Platform, DetailSource> sources,
            MeterRegistry registry,
            Clock clock,
            String owner,
            Runnable afterStore) {
        DetailFetcher fetcher = new DetailFetcher(db, sources, registry, clock, owner, afterStore, 500);
        try {
            db.transaction(c -> FetchJobs.makeAllDue(c, clock.millis()));
        } catch (StorageException e) {
            log.warn("pending fetches not rescheduled: {}", e.getMessage());
        }
        fetcher.thread.start();
        return fetcher;
    }

    /** Tells the fetcher there may be new requests. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void run() {
        while (running) {
            boolean worked = false;
            try {
                worked = fetchOne();
            } catch (StorageException e) {
                log.warn("fetching paused: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("fetching failed unexpectedly", e);
            }
            if (!worked) {
                await(idleMillis);
            }
        }
    }

    private void await(long millis) {
        try {
            wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Settles the oldest due request; false when there was none (or another instance holds the lease). */
    boolean fetchOne() {
        long now = clock.millis();
        Optional<FetchJobs.Job> due = db.read(c -> FetchJobs.nextDue(c, now));
        if (due.isEmpty()) {
            return false;
        }
        if (!db.transaction(c -> Leases.tryAcquire(c, LEASE, owner, now, LEASE_TTL_MILLIS))) {
            return false;
        }
        FetchJobs.Job job = due.get();
        long groupMax = db.read(c -> FetchJobs.groupMax(c, job));
        Instant started = clock.instant();
        DetailSource.Result result = read(job, started);
        switch (result) {
            case DetailSource.Fetched f -> store(job, groupMax, f, started);
            case DetailSource.Failed f -> failed(job, groupMax, f);
        }
        return true;
    }

    private DetailSource.Result read(FetchJobs.Job job, Instant started) {
        DetailSource source = sources.get(job.platform());
        if (source == null) {
            return new DetailSource.Failed("edm cannot read " + job.platform().id() + " resources");
        }
        try {
            return source.fetch(job.store(), job.resource(), job.resourceId(), started);
        } catch (RuntimeException e) {
            return new DetailSource.Failed(e.toString());
        }
    }

    private void store(FetchJobs.Job job, long groupMax, DetailSource.Fetched fetched, Instant started) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("edm-fetched-for-delivery", Long.toString(job.deliveryId()));
        headers.put("edm-fetched-resource", job.resource() + " " + job.resourceId());
        DeliveryMeta meta = new DeliveryMeta(
                job.store(), fetched.topic(), job.key(), null, started.toString(), null, true, headers);
        long now = clock.millis();
        long deliveryId = db.transaction(c -> {
            try (Session session = new Session(c)) {
                IngestResult stored =
                        InboxInsert.insert(session, job.platform(), meta, headersJson(headers), fetched.body(), now);
                long id = switch (stored) {
                    case IngestResult.Accepted a -> a.deliveryId();
                    case IngestResult.Duplicate d -> d.deliveryId();
                    case IngestResult.Rejected r -> throw new IllegalStateException(r.message());
                    case IngestResult.Acknowledged a ->
                        throw new IllegalStateException("an insert is never only acknowledged");
                };
                FetchJobs.complete(session, job, groupMax, id, now);
                return id;
            }
        });
        counter("edm.fetch.completed", "Resources read from a platform API and stored as deliveries", job.platform())
                .increment();
        log.debug(
                "{} {} {} of store {} stored as delivery {}",
                job.platform().id(),
                job.resource(),
                job.resourceId(),
                job.store(),
                deliveryId);
        afterStore.run();
    }

    private void failed(FetchJobs.Job job, long groupMax, DetailSource.Failed failure) {
        int attempt = job.attempts() + 1;
        Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 16));
        if (backoff.compareTo(LAST_RETRY) > 0) {
            backoff = LAST_RETRY;
        }
        if (failure.retryAfter().compareTo(backoff) > 0) {
            backoff = failure.retryAfter();
        }
        long next = clock.millis() + backoff.toMillis();
        db.transaction(c -> FetchJobs.fail(c, job, groupMax, failure.reason(), next));
        counter(
                        "edm.fetch.failures",
                        "Failed attempts to read a resource from a platform API (retried later)",
                        job.platform())
                .increment();
        log.warn(
                "reading {} {} {} of store {} failed (attempt {}), retrying in {} s: {}",
                job.platform().id(),
                job.resource(),
                job.resourceId(),
                job.store(),
                attempt,
                backoff.toSeconds(),
                failure.reason());
    }

    private Counter counter(String name, String description, Platform platform) {
        return Counter.builder(name)
                .description(description)
                .tag("platform", platform.id())
                .register(registry);
    }

    private double pendingOrNaN() {
        try {
            return db.read(FetchJobs::pendingCount);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String headersJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the fetcher; a read in progress finishes or is left pending for next time. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.transaction(c -> {
                Leases.release(c, LEASE, owner);
                return null;
            });
        } catch (StorageException e) {
            log.debug("fetcher lease not released: {}", e.getMessage());
        }
    }
}

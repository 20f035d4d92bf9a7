package dev.edm.sync;

import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import dev.edm.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stores to reconcile and when: every store edm knows (it sent a delivery, or it is configured) and can
 * read. A store never synced is imported once as soon as it is known (its first delivery, or {@code edm stores
 * add} with a token), retried at most every 10 minutes after a failure; the periodic run reads every store's
 * whole catalog and the orders updated since its last complete run.
 */
public final class SyncSchedule {
    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);
    private static final Duration INITIAL_RETRY = Duration.ofMinutes(10);
    private static final Duration ORDERS_OVERLAP = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofHours(2);

    private final Database db;
    private final Reconciler reconciler;
    private final Function<Platform, Set<String>> configuredStores;
    private final int ordersDays;
    private final Clock clock;

    public SyncSchedule(
            Database db,
            Reconciler reconciler,
            Function<Platform, Set<String>> configuredStores,
            int ordersDays,
            Clock clock) {
        this.db = db;
        this.reconciler = reconciler;
        this.configuredStores = configuredStores;
        this.ordersDays = ordersDays;
        this.clock = clock;
    }

    /** The stores of a platform edm knows and can read, sorted. */
    public List<StoreKey> stores(Platform platform) {
        Set<String> ids = new TreeSet<>(configuredStores.apply(platform));
        ids.addAll(db.read(c ->
                Sql.query(c, "SELECT store FROM store_state WHERE platform = ?", rs -> rs.getString(1), platform.id())
                        .stream()
                        .map(s -> s.substring(s.indexOf(':') + 1))
                        .toList()));
        List<StoreKey> out = new ArrayList<>();
        for (String id : ids) {
            StoreKey key = new StoreKey(platform, id);
            if (reconciler.canRead(key)) {
                out.add(key);
            }
        }
        return out;
    }

    /** Whether edm has credentials to read this store. */
    public boolean canRead(StoreKey store) {
        return reconciler.canRead(store);
    }

    /**
     * One pass of the server's schedule: imports every readable store never synced completely (not retried
     * within 10 minutes of a failure), and reconciles every store whose last attempt is older than the interval
     * (its whole catalog, and the orders updated since its last complete run). Each store is claimed with a
     * database lease, so several instances never read the same store at once.
     */
    public List<SyncSummary> runDue(Duration interval, String owner) {
        Map<String, SyncStates.State> states = db.read(SyncStates::all);
        Instant now = clock.instant();
        List<SyncSummary> out = new ArrayList<>();
        for (Platform p : reconciler.platforms()) {
            for (StoreKey store : stores(p)) {
                SyncStates.State s = states.get(store.id());
                boolean initial = s == null
                        || (s.lastSyncedAt().isEmpty() && s.lastAttemptAt().isBefore(now.minus(INITIAL_RETRY)));
                boolean periodic = s != null && s.lastAttemptAt().isBefore(now.minus(interval));
                if (!initial && !periodic) {
                    continue;
                }
                Optional<Instant> ordersSince =
                        s == null ? Optional.empty() : s.lastSyncedAt().map(t -> t.minus(ORDERS_OVERLAP));
                try {
                    claimed(
                            store,
                            owner,
                            () -> out.add(reconciler.run(store, Optional.empty(), ordersSince, ordersDays)));
                } catch (RuntimeException e) {
                    log.warn("reconciliation of {} failed: {}", store, e.toString()); // the other stores still run
                }
            }
        }
        return out;
    }

    /**
     * Reconciles one store now (whole catalog, orders updated since its last complete run); empty when another
     * run of this store holds its lease.
     */
    public Optional<SyncSummary> runNow(StoreKey store, String owner) {
        Optional<Instant> ordersSince = Optional.ofNullable(
                        db.read(SyncStates::all).get(store.id()))
                .flatMap(SyncStates.State::lastSyncedAt)
                .map(t -> t.minus(ORDERS_OVERLAP));
        return run(store, Optional.empty(), ordersSince, ordersDays, owner);
    }

    /** {@link Reconciler#run} under the store's lease; empty when another run of this store holds it. */
    public Optional<SyncSummary> run(
            StoreKey store, Optional<Instant> since, Optional<Instant> ordersSince, int days, String owner) {
        List<SyncSummary> out = new ArrayList<>(1);
        boolean ran = claimed(store, owner, () -> out.add(reconciler.run(store, since, ordersSince, days)));
        return ran ? Optional.of(out.get(0)) : Optional.empty();
    }

    /** Every store's reconciliation record. */
    public List<StoreSyncState> states() {
        return db.read(SyncStates::list);
    }

    private boolean claimed(StoreKey store, String owner, Runnable work) {
        String lease = "sync:" + store.id();
        if (!db.transaction(c -> Leases.tryAcquire(c, lease, owner, clock.millis(), LEASE.toMillis()))) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            db.transaction(c -> {
                Leases.release(c, lease, owner);
                return null;
            });
        }
    }
}

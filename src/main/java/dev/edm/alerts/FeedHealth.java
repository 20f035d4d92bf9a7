package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The integration-health rule, one alert per store: a store that normally sends deliveries and has sent
 * none for longer than its stale time, or whose deliveries of the last day mostly failed signature checks.
 * The stale time is {@code EDM_FEED_STALE_HOURS}, else 10 times the median gap between its last deliveries,
 * at least 6 hours. Rejected deliveries are counted per store the request claimed (see ingest).
 */
final class FeedHealth {
    /** A store "normally sends" once it has this many stored deliveries. */
    static final int MIN_DELIVERIES = 5;

    static final Duration MIN_STALE = Duration.ofHours(6);
    static final int GAP_FACTOR = 10;
    static final int SAMPLE = 200;
    static final int MIN_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofHours(24);

    private final Optional<Duration> fixedStale;

    FeedHealth(Optional<Duration> fixedStale) {
        this.fixedStale = fixedStale;
    }

    void evaluate(Session s, Instant now, AlertLedger ledger) throws SQLException {
        Set<String> stores = new TreeSet<>(s.query(
                "SELECT DISTINCT platform, store FROM delivery", rs -> rs.getString(1) + ":" + rs.getString(2)));
        // stores that only ever failed verification have no delivery row: their failures count, and their
        // alert must be able to resolve once the failures are older than the window
        stores.addAll(s.query(
                "SELECT DISTINCT store FROM store_verify_failure WHERE hour >= ?",
                rs -> rs.getString(1),
                hour(now.minus(FAILURE_WINDOW))));
        stores.addAll(s.query(
                "SELECT store FROM alert WHERE rule = ? AND status = 'open'",
                rs -> rs.getString(1),
                Rule.INTEGRATION_HEALTH.id()));
        for (String key : stores) {
            int colon = key.indexOf(':');
            // "_app" and the like are pseudo-stores (eBay's application-level notifications), not feeds
            if (colon > 0 && !key.startsWith("_", colon + 1)) {
                evaluate(s, key.substring(0, colon), key.substring(colon + 1), now, ledger);
            }
        }
    }

    private void evaluate(Session s, String platform, String store, Instant now, AlertLedger ledger)
            throws SQLException {
        String key = platform + ":" + store;
        List<Long> received = s.query(
                "SELECT received_at FROM delivery WHERE platform = ? AND store = ? ORDER BY id DESC LIMIT " + SAMPLE,
                rs -> rs.getLong(1),
                platform,
                store);
        AlertLedger.Subject subject = new AlertLedger.Subject(Rule.INTEGRATION_HEALTH, key, "", "", null, key);
        long since = now.minus(FAILURE_WINDOW).toEpochMilli();
        long accepted = received.stream().filter(t -> t >= since).count();
        long failures = s.queryOne(
                        "SELECT COALESCE(SUM(failures), 0) FROM store_verify_failure WHERE store = ? AND hour >= ?",
                        rs -> rs.getLong(1),
                        key,
                        hour(now.minus(FAILURE_WINDOW)))
                .orElse(0L);
        if (failures >= MIN_FAILURES && failures > accepted) {
            ledger.breached(
                    s,
                    subject,
                    now,
                    null,
                    (int) failures,
                    (int) accepted,
                    "deliveries mostly fail verification: " + failures + " refused, " + accepted
                            + " accepted in the last 24 h (secret changed?)");
            return;
        }
        if (received.size() >= MIN_DELIVERIES) {
            Duration staleAfter = staleAfter(received);
            Instant last = Instant.ofEpochMilli(received.get(0));
            Duration silent = Duration.between(last, now);
            if (silent.compareTo(staleAfter) >= 0) {
                ledger.breached(
                        s,
                        subject,
                        now,
                        null,
                        (int) silent.toHours(),
                        (int) staleAfter.toHours(),
                        "no deliveries for " + silent.toHours() + " h (last " + last + "; stale after "
                                + staleAfter.toHours() + " h): subscription deleted or the platform stopped sending?");
                return;
            }
        }
        ledger.cleared(s, subject, now, "deliveries arrive again");
    }

    /** The configured stale time, or 10 x the median gap between the given deliveries (newest first), >= 6 h. */
    Duration staleAfter(List<Long> receivedNewestFirst) {
        if (fixedStale.isPresent()) {
            return fixedStale.get();
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < receivedNewestFirst.size(); i++) {
            gaps.add(Math.max(0, receivedNewestFirst.get(i - 1) - receivedNewestFirst.get(i)));
        }
        Collections.sort(gaps);
        long median = gaps.isEmpty() ? 0 : gaps.get(gaps.size() / 2);
        Duration derived = Duration.ofMillis(median * GAP_FACTOR);
        return derived.compareTo(MIN_STALE) < 0 ? MIN_STALE : derived;
    }

    static long hour(Instant t) {
        return t.toEpochMilli() / 3_600_000L;
    }
}

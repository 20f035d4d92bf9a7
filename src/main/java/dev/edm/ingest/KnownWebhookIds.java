package dev.edm.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import dev.edm.storage.Database;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The (platform, webhook id) keys the inbox holds, in a Bloom filter, so that the inbox journal's writer asks
 * the database about a webhook id only when it may have been stored before: a new id (nearly every delivery) is
 * answered without a lookup. The filter never forgets a key it was given, so "not there" is certain for every key
 * stored before it was filled (read from the database in the background, see {@link #ready}) or given to it since
 * ({@link #add}): a repeat is always looked up and answered as the duplicate it is. A key stored by another
 * writer that never tells it would be journaled again and then dropped by the import's conflict check (stored
 * once all the same). About 1% of new keys are false alarms, looked up for nothing.
 *
 * <p>When more keys were added than it was sized for, a filter twice the size is filled the same way while the
 * old one goes on answering; keys added meanwhile go into both.
 */
final class KnownWebhookIds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KnownWebhookIds.class);
    private static final double FALSE_ALARMS = 0.01;
    static final long MIN_CAPACITY = 1_000_000;

    private final Database db;
    private volatile Sized current; // answers once filled; null before
    private final AtomicReference<Sized> next = new AtomicReference<>(); // being filled; gets every key added meanwhile
    private volatile boolean closed;

    private record Sized(BloomFilter<CharSequence> filter, long capacity) {
        static Sized of(long capacity) {
            return new Sized(
                    BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), capacity, FALSE_ALARMS), capacity);
        }
    }

    KnownWebhookIds(Database db) {
        this.db = db;
    }

    /** Starts filling the filter from the database in the background (keys added from now on are kept). */
    KnownWebhookIds start() {
        refill(MIN_CAPACITY);
        return this;
    }

    /** Whether the filter answers yet; before, every key may have been stored. */
    boolean ready() {
        return current != null;
    }

    /** False when the key was certainly never stored; true when it may have been (or the filter is not ready). */
    boolean mayHold(String key) {
        Sized filled = current;
        return filled == null || filled.filter().mightContain(key);
    }

    /** Remembers a key being stored (call before the key can be found in the database). */
    void add(String key) {
        Sized filling = next.get(); // read before current: a fill ends by setting current, then clearing next
        Sized filled = current;
        if (filling != null) {
            filling.filter().put(key);
        }
        if (filled != null) {
            filled.filter().put(key);
            if (filling == null && filled.filter().approximateElementCount() > filled.capacity()) {
                refill(filled.capacity() * 2);
            }
        }
    }

    private void refill(long atLeast) {
        Sized fresh = Sized.of(atLeast);
        if (!next.compareAndSet(null, fresh)) {
            return; // a fill is under way
        }
        // from here on, added keys go into it too: none falls between it and the database read
        Thread.ofPlatform().name("edm-webhook-ids").daemon().start(() -> {
            try {
                long count = fill(fresh);
                if (count > fresh.capacity()) {
                    log.debug("webhook ids: {} stored, more than the {} the filter was sized for", count, atLeast);
                }
                if (!closed) {
                    current = fresh;
                }
            } catch (RuntimeException e) {
                log.warn("webhook ids not read ({}): repeated ids are looked up in the database", e.toString());
            } finally {
                next.set(null);
            }
        });
    }

    private long fill(Sized target) {
        return db.read(c -> {
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT platform, webhook_id FROM delivery WHERE webhook_id IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next() && !closed) {
                    target.filter().put(JournalInbox.key(rs.getString(1), rs.getString(2)));
                    n++;
                }
            }
            return n;
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}

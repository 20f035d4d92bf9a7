package dev.edm.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook ids journaled but not yet imported, each with its delivery id: keys as {@link JournalInbox#key}
 * makes them ("platform\nwebhook id"). Safe for the journal writer (looks up, adds) and the importer (removes).
 *
 * <p>Hundreds of thousands wait during a burst. Held as objects (a map entry, a string, a boxed id each) they
 * made every young collection copy the ones added since the one before and scan the map's table, 8–19 ms
 * pauses that held up every webhook in flight. So webhook ids in the canonical UUID form (lower-case hex with
 * dashes: Shopify's, Amazon's) are held as numbers in one open-addressing table of longs, which the collector
 * neither copies per entry nor scans; any other id, exact as it is, in a map beside it.
 */
final class WaitingIds {
    /** Longs per slot: UUID high bits, low bits, state (0 empty, -1 removed, else the platform's tag), delivery id. */
    private static final int SLOT = 4;

    private static final long EMPTY = 0;
    private static final long REMOVED = -1;
    private static final int MIN_SLOTS = 1 << 10;

    private final Map<String, Long> other = new ConcurrentHashMap<>();
    /** Platform ids by tag - 1 (a handful). */
    private final List<String> platforms = new ArrayList<>();

    private long[] table = new long[MIN_SLOTS * SLOT];
    private int live;
    private int removed;
    /** The UUID parsed by {@link #parse}: valid under the lock only. */
    private long high;

    private long low;
    private long tag;

    /** The delivery id waiting under this key, or null. */
    synchronized Long get(String key) {
        if (!parse(key)) {
            return other.get(key);
        }
        int slot = find();
        return slot < 0 ? null : table[slot + 3];
    }

    synchronized void put(String key, long deliveryId) {
        if (!parse(key)) {
            other.put(key, deliveryId);
            return;
        }
        int slot = find();
        if (slot >= 0) {
            table[slot + 3] = deliveryId;
            return;
        }
        if ((live + removed + 1) * 2L > table.length / SLOT) {
            rehash(live * 4L > table.length / SLOT ? table.length / SLOT * 2 : table.length / SLOT);
        }
        insert(high, low, tag, deliveryId);
        live++;
    }

    synchronized void remove(String key) {
        if (!parse(key)) {
            other.remove(key);
            return;
        }
        int slot = find();
        if (slot >= 0) {
            clear(slot);
        }
    }

    /** Removes the key only while it names this delivery. */
    synchronized void remove(String key, long deliveryId) {
        if (!parse(key)) {
            other.remove(key, deliveryId);
            return;
        }
        int slot = find();
        if (slot >= 0 && table[slot + 3] == deliveryId) {
            clear(slot);
        }
    }

    synchronized int size() {
        return live + other.size();
    }

    private void clear(int slot) {
        table[slot + 2] = REMOVED;
        live--;
        removed++;
        if (live == 0 && removed > 0) {
            // nothing waits: start over empty (and small again after a burst)
            table = new long[MIN_SLOTS * SLOT];
            removed = 0;
        }
    }

    /** The slot of the parsed key, or -1. */
    private int find() {
        int mask = table.length / SLOT - 1;
        for (int i = index(high, low, tag, mask); ; i = (i + 1) & mask) {
            int at = i * SLOT;
            long state = table[at + 2];
            if (state == EMPTY) {
                return -1;
            }
            if (state == tag && table[at] == high && table[at + 1] == low) {
                return at;
            }
        }
    }

    /** Puts a key known to be absent into the first free slot of its probe sequence. */
    private void insert(long h, long l, long t, long deliveryId) {
        int mask = table.length / SLOT - 1;
        for (int i = index(h, l, t, mask); ; i = (i + 1) & mask) {
            int at = i * SLOT;
            long state = table[at + 2];
            if (state == EMPTY || state == REMOVED) {
                if (state == REMOVED) {
                    removed--;
                }
                table[at] = h;
                table[at + 1] = l;
                table[at + 2] = t;
                table[at + 3] = deliveryId;
                return;
            }
        }
    }

    private void rehash(long slots) {
        long[] old = table;
        table = new long[Math.toIntExact(Math.max(MIN_SLOTS, slots) * SLOT)];
        removed = 0;
        for (int at = 0; at < old.length; at += SLOT) {
            long state = old[at + 2];
            if (state != EMPTY && state != REMOVED) {
                insert(old[at], old[at + 1], state, old[at + 3]);
            }
        }
    }

    private static int index(long h, long l, long t, int mask) {
        long x = h * 0x9E3779B97F4A7C15L ^ l ^ (t << 56);
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        return (int) x & mask;
    }

    /**
     * Reads the key's platform tag and webhook id into {@link #high}, {@link #low} and {@link #tag} when the id is
     * a UUID in canonical form; false otherwise (then the key is held as it is).
     */
    private boolean parse(String key) {
        int nl = key.indexOf('\n');
        if (nl < 0 || key.length() - nl - 1 != 36) {
            return false;
        }
        int from = nl + 1;
        long h = 0;
        long l = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = key.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0) {
                return false; // upper case, or not hex: kept exact in the map
            }
            if (digits < 16) {
                h = h << 4 | v;
            } else {
                l = l << 4 | v;
            }
            digits++;
        }
        high = h;
        low = l;
        tag = platformTag(key, nl);
        return true;
    }

    private long platformTag(String key, int nl) {
        for (int i = 0; i < platforms.size(); i++) {
            String p = platforms.get(i);
            if (p.length() == nl && key.startsWith(p)) {
                return i + 1;
            }
        }
        platforms.add(key.substring(0, nl));
        return platforms.size();
    }
}

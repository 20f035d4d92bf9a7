package dev.edm.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook ids journaled but not yet imported, each with its delivery id: keys as {@link JournalInbox#key}
 * makes them ("platform\nwebhook id"). Safe for the journal writer (looks up, adds) and the importer (removes).
 *
 * <p>Hundreds of thousands wait during a burst. Held as objects (a map entry, a string, a boxed id each) they
 * made every young collection copy the ones added since the one before and scan the map's table, 8–19 ms
 * pauses that held up every webhook in flight. So they are held in primitive arrays, which the collector
 * neither copies per entry nor scans: one open-addressing table of longs and, for ids that are not UUIDs in
 * canonical form (lower-case hex with dashes, as Shopify's and Amazon's are, held as two numbers), their
 * characters in one char array. Ids compare exactly, character for character.
 */
final class WaitingIds {
    /**
     * Longs per slot: for a UUID its high and low bits; for an id in the arena its hash and (offset &lt;&lt; 16 |
     * length); then the state (0 empty, -1 removed, else the platform's tag, with {@link #IN_ARENA} for an id in
     * the arena); then the delivery id.
     */
    private static final int SLOT = 4;

    private static final long EMPTY = 0;
    private static final long REMOVED = -1;
    private static final long IN_ARENA = 1L << 32;
    /** Longer ids (none in practice: header values are far shorter) are held in a map. */
    private static final int MAX_ARENA_ID = 0xFFFF;

    private static final int MIN_SLOTS = 1 << 10;
    private static final int MIN_ARENA = 1 << 12;

    private final Map<String, Long> other = new HashMap<>();
    /** Platform ids by tag - 1 (a handful). */
    private final List<String> platforms = new ArrayList<>();

    private long[] table = new long[MIN_SLOTS * SLOT];
    private int live;
    private int removed;
    private char[] arena = new char[MIN_ARENA];
    private int arenaEnd;
    /** Characters of entries still in the table (the rest of the arena up to its end is dead). */
    private long arenaLive;

    // the key parsed by parse(): valid under the lock only
    private String key;
    private int from;
    private int length;
    private long a;
    private long b;
    private long state;

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
        int slots = table.length / SLOT;
        if ((live + removed + 1) * 2L > slots) {
            rehash(live * 4L > slots ? slots * 2L : slots);
        }
        long stored = b;
        if ((state & IN_ARENA) != 0) {
            if (arenaEnd + length > arena.length) {
                if (arenaLive * 2 <= arena.length) {
                    rehash(table.length / SLOT); // compacts the arena
                }
                if (arenaEnd + length > arena.length) {
                    arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaEnd + length));
                }
            }
            key.getChars(from, from + length, arena, arenaEnd);
            stored = (long) arenaEnd << 16 | length;
            arenaEnd += length;
            arenaLive += length;
        }
        insert(a, stored, state, deliveryId);
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
        if ((table[slot + 2] & IN_ARENA) != 0) {
            arenaLive -= table[slot + 1] & 0xFFFF;
        }
        table[slot + 2] = REMOVED;
        live--;
        removed++;
        if (live == 0) {
            // nothing waits: start over empty (and small again after a burst)
            table = new long[MIN_SLOTS * SLOT];
            removed = 0;
            arena = new char[MIN_ARENA];
            arenaEnd = 0;
            arenaLive = 0;
        }
    }

    /** The slot of the parsed key, or -1. */
    private int find() {
        int mask = table.length / SLOT - 1;
        boolean inArena = (state & IN_ARENA) != 0;
        for (int i = index(a, inArena ? length : b, state, mask); ; i = (i + 1) & mask) {
            int at = i * SLOT;
            long s = table[at + 2];
            if (s == EMPTY) {
                return -1;
            }
            if (s == state && table[at] == a && (inArena ? sameChars(table[at + 1]) : table[at + 1] == b)) {
                return at;
            }
        }
    }

    /** Whether the arena entry ({@code offset << 16 | length}) holds the parsed key's id. */
    private boolean sameChars(long stored) {
        if ((stored & 0xFFFF) != length) {
            return false;
        }
        int offset = (int) (stored >>> 16);
        for (int i = 0; i < length; i++) {
            if (arena[offset + i] != key.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    /** Puts an entry known to be absent into the first free slot of its probe sequence. */
    private void insert(long first, long second, long s, long deliveryId) {
        int mask = table.length / SLOT - 1;
        boolean inArena = (s & IN_ARENA) != 0;
        for (int i = index(first, inArena ? second & 0xFFFF : second, s, mask); ; i = (i + 1) & mask) {
            int at = i * SLOT;
            long there = table[at + 2];
            if (there == EMPTY || there == REMOVED) {
                if (there == REMOVED) {
                    removed--;
                }
                table[at] = first;
                table[at + 1] = second;
                table[at + 2] = s;
                table[at + 3] = deliveryId;
                return;
            }
        }
    }

    /** A table of {@code slots} with the live entries, and an arena with only their characters. */
    private void rehash(long slots) {
        long[] old = table;
        char[] oldArena = arena;
        table = new long[Math.toIntExact(Math.max(MIN_SLOTS, slots) * SLOT)];
        removed = 0;
        arena = new char[(int) Math.max(MIN_ARENA, arenaLive * 2)];
        arenaEnd = 0;
        for (int at = 0; at < old.length; at += SLOT) {
            long s = old[at + 2];
            if (s == EMPTY || s == REMOVED) {
                continue;
            }
            long second = old[at + 1];
            if ((s & IN_ARENA) != 0) {
                int len = (int) (second & 0xFFFF);
                System.arraycopy(oldArena, (int) (second >>> 16), arena, arenaEnd, len);
                second = (long) arenaEnd << 16 | len;
                arenaEnd += len;
            }
            insert(old[at], second, s, old[at + 3]);
        }
    }

    private static int index(long first, long second, long s, int mask) {
        long x = first * 0x9E3779B97F4A7C15L ^ second ^ (s << 40);
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        return (int) x & mask;
    }

    /**
     * Reads the key into the parse fields: a UUID in canonical form as its two halves, any other id of up to
     * {@link #MAX_ARENA_ID} characters by its hash (its characters compare when found); false for a key held in
     * the map instead.
     */
    private boolean parse(String key) {
        int nl = key.indexOf('\n');
        if (nl < 0 || key.length() - nl - 1 > MAX_ARENA_ID) {
            return false;
        }
        this.key = key;
        from = nl + 1;
        length = key.length() - from;
        long tag = platformTag(key, nl);
        if (uuid()) {
            state = tag;
            return true;
        }
        long h = 0xCBF29CE484222325L ^ length;
        for (int i = 0; i < length; i++) {
            h = (h ^ key.charAt(from + i)) * 0x100000001B3L;
        }
        a = h;
        b = length;
        state = tag | IN_ARENA;
        return true;
    }

    /** Whether the parsed id is a UUID in canonical form; if so, its halves are in {@link #a} and {@link #b}. */
    private boolean uuid() {
        if (length != 36) {
            return false;
        }
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
                return false; // upper case, or not hex: held by its characters
            }
            if (digits < 16) {
                h = h << 4 | v;
            } else {
                l = l << 4 | v;
            }
            digits++;
        }
        a = h;
        b = l;
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

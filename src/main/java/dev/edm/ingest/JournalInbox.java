package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.storage.Database;
import dev.edm.storage.InLists;
import dev.edm.storage.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The burst path of the inbox (SQLite): groups of deliveries are acknowledged once appended to the
 * {@link InboxJournal} and flushed to disk, and an importer thread moves them into the database, taking a
 * small share of the time while webhooks keep arriving (acknowledging comes first) and all of it once they
 * stop. The group-commit writer uses it for large groups, and for every group while records wait for import,
 * so deliveries enter the database in the order they were acknowledged.
 *
 * <p>Deliveries get their ids when journaled, from a block reserved in {@code sqlite_sequence}, so a
 * delivery's id is known at once and other inserts (reconciliation, detail fetches) never collide with one
 * waiting for import. A repeated webhook id is recognised against the records waiting for import and the
 * database before the group is appended, as the database's unique index would.
 */
final class JournalInbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalInbox.class);
    /** Groups at least this large go to the journal (smaller ones are committed straight to the database). */
    static final int MIN_GROUP = 8;

    /** Records per import transaction: while webhooks arrive each is followed by a pause ({@link BurstShare}). */
    private static final int IMPORT_BATCH = 500;

    /** Ids reserved at a time: a direct commit abandons the rest (ids jump), a reservation costs a commit. */
    private static final int ID_BLOCK = 10_000;

    private static final long CLOSE_IMPORT_MILLIS = 15_000;
    /** How long imports may keep failing before {@link #problem} reports it (a locked database is normal). */
    static final long FAILING_REPORTED_AFTER_MILLIS = 5_000;

    private final Database.Pinned pinned;
    private final Database.Reader reader; // the writer thread's duplicate checks
    private final InboxJournal journal;
    private final IngestMetrics metrics;
    private final Runnable afterImport;
    private final BurstShare share;
    /** Platform and webhook id of every record not yet in the database, with its delivery id. */
    private final WaitingIds waiting = new WaitingIds();
    /** Every webhook id stored: a new one needs no database lookup. */
    private final KnownWebhookIds known;

    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong(); // webhook ids looked up in the database (tests)
    private final AtomicLong imported = new AtomicLong();
    private volatile InboxJournal.Position end; // after the last flushed record
    private volatile long oldestWaitingMillis = Long.MAX_VALUE;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread importer;
    private volatile boolean running = true;
    private volatile boolean closing;
    private volatile String failure; // the last import failure, null once an import succeeds
    private volatile long failingSinceMillis;

    // the writer thread's id block (reserved ids nextId..blockEnd)
    private long nextId;
    private long blockEnd = -1;

    JournalInbox(Database db, Path dir, IngestMetrics metrics, Runnable afterImport, BurstShare share) {
        this(db, dir, metrics, afterImport, share, true);
    }

    /**
     * Imports into the database what a server left in the journal folder (it crashed, or stopped before the
     * import finished), for commands run while no server is ({@code edm replay}), which would otherwise not see
     * those deliveries until the next start. False, importing nothing, when a running server holds the folder
     * (it imports them itself).
     */
    static boolean importLeft(Database db, Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try {
            new JournalInbox(db, dir, new IngestMetrics(new SimpleMeterRegistry()), () -> {}, null, false).close();
            return true;
        } catch (InboxJournal.Busy e) {
            return false;
        }
    }

    private JournalInbox(
            Database db, Path dir, IngestMetrics metrics, Runnable afterImport, BurstShare share, boolean serve) {
        this.pinned = db.pin();
        this.reader = db.reader();
        this.metrics = metrics;
        this.afterImport = afterImport;
        this.share = share;
        this.journal = InboxJournal.open(dir);
        importLeftovers();
        this.known = new KnownWebhookIds(db);
        if (!serve) {
            this.importer = null;
            return;
        }
        known.start();
        this.importer = Thread.ofPlatform().name("edm-inbox-import").unstarted(this::run);
        importer.start();
        metrics.journalBacklog(this::backlog);
    }

    /** Whether new webhook ids are answered without a database lookup yet (tests). */
    boolean knowsStoredIds() {
        return known.ready();
    }

    /** How many webhook ids were looked up in the database so far (tests). */
    long lookups() {
        return lookups.get();
    }

    /** Records appended but not yet in the database. */
    long backlog() {
        return appended.get() - imported.get();
    }

    /** Whether the writer should journal a group of this size (always while records wait for import). */
    boolean takes(int groupSize) {
        return groupSize >= MIN_GROUP || backlog() > 0;
    }

    /**
     * The writer committed these straight to the database: the next journaled id must come after theirs, and
     * their webhook ids are stored now.
     */
    void committedDirectly(List<NewDelivery> group) {
        for (NewDelivery d : group) {
            String key = key(d.platform(), d.meta().webhookId());
            if (key != null) {
                known.add(key);
            }
        }
        blockEnd = -1;
        if (journal.current() != null) {
            journal.retire(); // all imported (else the group would have been journaled): the importer deletes it
        }
    }

    /**
     * Appends a group (writer thread): repeats of stored or waiting webhook ids are answered as duplicates, the
     * rest get ids, are flushed to disk and are answered accepted. Throws {@link StorageException} when nothing
     * could be made durable.
     */
    List<IngestResult> append(List<NewDelivery> group) {
        IngestResult[] results = new IngestResult[group.size()];
        // records waiting for import first, then the database: the importer forgets a record only after
        // committing it, so a repeat is found in one or the other
        Map<String, Long> seen = new HashMap<>();
        List<NewDelivery> unknown = new ArrayList<>(group.size());
        String[] groupKeys = new String[group.size()];
        for (int i = 0; i < group.size(); i++) {
            NewDelivery d = group.get(i);
            String key = groupKeys[i] = key(d.platform(), d.meta().webhookId());
            Long id = key == null ? null : waiting.get(key);
            if (id != null) {
                seen.put(key, id);
            } else if (key != null && known.mayHold(key)) {
                unknown.add(d); // may be stored: looked up (a new id, certainly never stored, is not)
            }
        }
        lookups.addAndGet(unknown.size());
        seen.putAll(storedIds(unknown));
        List<InboxJournal.Entry> entries = new ArrayList<>(group.size());
        List<String> keys = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            NewDelivery d = group.get(i);
            String key = groupKeys[i];
            Long existing = key == null ? null : seen.get(key);
            if (existing != null) {
                results[i] = new IngestResult.Duplicate(existing);
                continue;
            }
            long id = nextId();
            if (key != null) {
                seen.put(key, id); // a repeat later in the same group
                keys.add(key);
            }
            entries.add(new InboxJournal.Entry(id, d));
            results[i] = new IngestResult.Accepted(id);
        }
        if (!entries.isEmpty()) {
            for (int i = 0; i < keys.size(); i++) {
                waiting.put(keys.get(i), seen.get(keys.get(i)));
                known.add(keys.get(i));
            }
            try {
                end = journal.append(entries);
            } catch (RuntimeException e) {
                keys.forEach(waiting::remove);
                throw e;
            }
            if (appended.get() == imported.get()) {
                oldestWaitingMillis = entries.get(0).delivery().receivedAtMillis();
            }
            appended.addAndGet(entries.size());
            wakeUp.release();
        }
        return List.of(results);
    }

    private static String key(Platform platform, String webhookId) {
        return key(platform.id(), webhookId);
    }

    /** The key of a webhook id in {@link #waiting} and {@link KnownWebhookIds}; null for none. */
    static String key(String platformId, String webhookId) {
        return webhookId == null ? null : platformId + '\n' + webhookId;
    }

    /** The delivery ids already stored for the group's webhook ids (one indexed query per platform). */
    private Map<String, Long> storedIds(List<NewDelivery> group) {
        Map<Platform, List<Object>> byPlatform = new HashMap<>();
        for (NewDelivery d : group) {
            if (d.meta().webhookId() != null) {
                byPlatform
                        .computeIfAbsent(d.platform(), p -> new ArrayList<>())
                        .add(d.meta().webhookId());
            }
        }
        Map<String, Long> out = new HashMap<>();
        if (byPlatform.isEmpty()) {
            return out;
        }
        reader.read(s -> {
            for (Map.Entry<Platform, List<Object>> e : byPlatform.entrySet()) {
                for (Object[] chunk :
                        InLists.chunks(e.getValue(), 500, e.getKey().id())) {
                    s.query(
                            "SELECT webhook_id, id FROM delivery WHERE platform = ? AND webhook_id IN ("
                                    + InLists.placeholders(chunk.length - 1) + ")",
                            rs -> out.put(key(e.getKey(), rs.getString(1)), rs.getLong(2)),
                            chunk);
                }
            }
            return null;
        });
        return out;
    }

    private long nextId() {
        if (blockEnd < 0 || nextId > blockEnd) {
            long last = pinned.transaction(
                    s -> {
                        // ids below every id stored or reserved so far are never handed out again
                        s.update("INSERT INTO sqlite_sequence (name, seq) SELECT 'delivery', 0 WHERE NOT EXISTS "
                                + "(SELECT 1 FROM sqlite_sequence WHERE name = 'delivery')");
                        s.update(
                                "UPDATE sqlite_sequence SET seq = MAX(seq, (SELECT COALESCE(MAX(id), 0) FROM "
                                        + "delivery)) + ? WHERE name = 'delivery'",
                                ID_BLOCK);
                        return s.queryOne(
                                        "SELECT seq FROM sqlite_sequence WHERE name = 'delivery'", rs -> rs.getLong(1))
                                .orElseThrow();
                    },
                    true);
            nextId = last - ID_BLOCK + 1;
            blockEnd = last;
        }
        return nextId++;
    }

    // --- import --------------------------------------------------------------------------------------------

    /** Imports what a previous run left in the journal, before anything new is acknowledged. */
    private void importLeftovers() {
        List<Path> files = journal.files();
        long total = 0;
        for (Path file : files) {
            List<InboxJournal.Entry> entries;
            try {
                entries = InboxJournal.readAll(file);
            } catch (IOException e) {
                throw new StorageException("inbox journal " + file + " cannot be read: " + e, e);
            }
            for (int from = 0; from < entries.size(); from += IMPORT_BATCH) {
                List<InboxJournal.Entry> batch = entries.subList(from, Math.min(entries.size(), from + IMPORT_BATCH));
                insert(batch);
            }
            total += entries.size();
            delete(file);
        }
        if (total > 0) {
            log.info("inbox journal: {} deliveries left by the last run imported", total);
            afterImport.run();
        }
    }

    private void run() {
        InboxJournal.Reader reader = null;
        Path readerFile = null;
        InboxJournal.Position deleted = null; // the end of the last file imported and deleted
        List<InboxJournal.Entry> retry = null; // read, not yet imported
        while (running) {
            try {
                if (retry != null) { // read, but its import failed: the reader is past it
                    insert(retry);
                    done(retry);
                    retry = null;
                    continue;
                }
                InboxJournal.Position to = end;
                boolean caughtUp = to == null
                        || to.equals(deleted)
                        || (to.file().equals(readerFile) && reader.offset() >= to.offset());
                if (caughtUp && reader != null && !readerFile.equals(journal.current())) {
                    reader.close(); // the writer retired the file and everything in it is imported
                    reader = null;
                    delete(readerFile);
                    readerFile = null;
                    deleted = to;
                }
                if (caughtUp) {
                    if (closing) {
                        break;
                    }
                    wakeUp.tryAcquire(50, TimeUnit.MILLISECONDS);
                    continue;
                }
                if (reader == null) {
                    List<Path> files = journal.files();
                    if (files.isEmpty()) { // removed behind our back: nothing left to import
                        log.error("inbox journal: the files up to {} are missing", to);
                        deleted = to;
                        continue;
                    }
                    readerFile = files.get(0);
                    reader = new InboxJournal.Reader(readerFile, 0);
                }
                boolean finishedFile = !to.file().equals(readerFile);
                long limit = finishedFile ? Files.size(readerFile) : to.offset();
                List<InboxJournal.Entry> batch = new ArrayList<>();
                InboxJournal.Entry e;
                while (batch.size() < IMPORT_BATCH && (e = reader.next(limit)) != null) {
                    batch.add(e);
                }
                long started = System.nanoTime();
                if (!batch.isEmpty()) {
                    retry = batch;
                    insert(batch);
                    done(batch);
                    retry = null;
                }
                if (batch.size() < IMPORT_BATCH && (finishedFile || reader.damaged())) {
                    if (reader.damaged()) {
                        log.error(
                                "inbox journal {} is damaged at offset {}; its rest is skipped",
                                readerFile,
                                reader.offset());
                    }
                    reader.close();
                    reader = null;
                    delete(readerFile);
                    readerFile = null;
                }
                if (!batch.isEmpty() && !closing) {
                    share.pause(System.nanoTime() - started, oldestWaitingMillis);
                }
            } catch (StorageException | IOException e) {
                failed(e);
                log.warn("inbox journal import paused: {}", e.getMessage());
                sleep(1_000);
            } catch (RuntimeException e) {
                failed(e);
                log.error("inbox journal import failed unexpectedly", e);
                sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    private void failed(Exception e) {
        if (failure == null) {
            failingSinceMillis = System.currentTimeMillis();
        }
        failure = e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** What keeps deliveries from being imported, once it has lasted a while; empty when imports work. */
    Optional<String> problem() {
        String f = failure;
        long since = System.currentTimeMillis() - failingSinceMillis;
        return f == null || since < FAILING_REPORTED_AFTER_MILLIS
                ? Optional.empty()
                : Optional.of("import failing for " + since / 1000 + " s (" + backlog() + " deliveries waiting): " + f);
    }

    private void done(List<InboxJournal.Entry> batch) {
        failure = null;
        for (InboxJournal.Entry e : batch) {
            String key = key(e.delivery().platform(), e.delivery().meta().webhookId());
            if (key != null) {
                waiting.remove(key, e.id());
            }
        }
        long now = imported.addAndGet(batch.size());
        metrics.journalImported(batch.size());
        if (now == appended.get()) {
            oldestWaitingMillis = Long.MAX_VALUE;
        } else {
            oldestWaitingMillis = batch.get(batch.size() - 1).delivery().receivedAtMillis();
        }
        afterImport.run();
    }

    /** Inserts journal records with their ids, in one durable transaction (a record already there is skipped). */
    private void insert(List<InboxJournal.Entry> batch) {
        pinned.transaction(
                s -> {
                    for (InboxJournal.Entry e : batch) {
                        NewDelivery d = e.delivery();
                        InboxInsert.insertJournaled(
                                s, e.id(), d.platform(), d.meta(), d.headersJson(), d.body(), d.receivedAtMillis());
                    }
                    return null;
                },
                true);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("inbox journal {} imported but not deleted: {}", file, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Imports what is left (for at most 15 s; the rest is imported at the next start) and closes the journal.
     * Call after the writer has stopped.
     */
    @Override
    public void close() {
        closing = true;
        known.close();
        wakeUp.release();
        if (importer != null) { // null when not serving: everything was imported on opening
            try {
                importer.join(CLOSE_IMPORT_MILLIS);
                if (importer.isAlive()) {
                    running = false;
                    importer.join(CLOSE_IMPORT_MILLIS);
                    log.info("inbox journal: {} deliveries left for the next start", backlog());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
        reader.close();
    }
}

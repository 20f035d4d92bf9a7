package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.config.DatabaseSettings;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import dev.edm.storage.StorageException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox journal on a real SQLite database: acknowledged ids, duplicates, import, crash leftovers. */
class JournalInboxIT {
    @TempDir
    Path dir;

    Database db;
    Path journalDir;
    final AtomicInteger importedWakeUps = new AtomicInteger();
    final List<JournalInbox> open = new ArrayList<>();

    @BeforeEach
    void openDatabase() {
        db = Database.open(
                new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null));
        journalDir = dir.resolve("inbox-journal");
    }

    @AfterEach
    void closeDatabase() {
        open.forEach(JournalInbox::close);
        db.close();
    }

    JournalInbox journal() {
        JournalInbox j = new JournalInbox(
                db,
                journalDir,
                new IngestMetrics(new SimpleMeterRegistry()),
                importedWakeUps::incrementAndGet,
                new BurstShare(Clock.systemUTC()));
        open.add(j);
        return j;
    }

    static NewDelivery delivery(String webhookId, String body) {
        DeliveryMeta meta = new DeliveryMeta(
                "shop.myshopify.com",
                "orders/create",
                webhookId,
                "event-" + webhookId,
                "2026-11-28T05:00:00Z",
                "2026-10",
                true,
                Map.of());
        return new NewDelivery(
                Platform.SHOPIFY,
                meta,
                "{\"x-shopify-webhook-id\":\"" + webhookId + "\"}",
                body.getBytes(StandardCharsets.UTF_8),
                1_764_306_000_000L);
    }

    /** The journal's files. */
    List<Path> journalFiles() throws java.io.IOException {
        try (var files = Files.list(journalDir)) {
            return files.filter(p -> p.toString().endsWith(".journal")).toList();
        }
    }

    long count(String sql, Object... params) {
        return db.read(c -> Sql.queryOne(c, sql, rs -> rs.getLong(1), params).orElseThrow());
    }

    /** Stores a delivery as the group-commit writer does without the journal; its id. */
    long storeDirectly(String webhookId) {
        return db.transaction(c -> {
            try (var s = new dev.edm.storage.Session(c)) {
                NewDelivery d = delivery(webhookId, "{}");
                return ((IngestResult.Accepted) InboxInsert.insert(
                                s, d.platform(), d.meta(), d.headersJson(), d.body(), d.receivedAtMillis()))
                        .deliveryId();
            }
        });
    }

    void awaitImported(JournalInbox j) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (j.backlog() > 0) {
            assertThat(System.currentTimeMillis())
                    .as("journal imported in time")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aJournaledGroupIsAcknowledgedWithTheIdsItIsStoredUnderAndRepeatsAreDuplicates() throws Exception {
        long stored = storeDirectly("already-stored");
        JournalInbox j = journal();
        List<NewDelivery> group = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            group.add(delivery("w" + i, "{\"n\":" + i + "}"));
        }
        group.add(delivery("w3", "{\"n\":\"again\"}")); // repeated within the group
        group.add(delivery("already-stored", "{\"a\":2}")); // repeated from the database
        group.add(delivery(null, "{\"no\":\"webhook id\"}"));

        List<IngestResult> results = j.append(group);

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            assertThat(results.get(i)).isInstanceOf(IngestResult.Accepted.class);
            ids.add(((IngestResult.Accepted) results.get(i)).deliveryId());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id > stored);
        assertThat(results.get(8)).isEqualTo(new IngestResult.Duplicate(ids.get(3)));
        assertThat(results.get(9)).isEqualTo(new IngestResult.Duplicate(stored));
        assertThat(results.get(10)).isInstanceOf(IngestResult.Accepted.class);

        // a repeat of a record that waits for import (or was just imported) is a duplicate too
        List<IngestResult> again = j.append(List.of(delivery("w5", "{}")));
        assertThat(again).containsExactly(new IngestResult.Duplicate(ids.get(5)));

        awaitImported(j);
        for (int i = 0; i < 8; i++) {
            assertThat(count(
                            "SELECT count(*) FROM delivery d JOIN delivery_body b ON b.delivery_id = d.id "
                                    + "WHERE d.id = ? AND d.webhook_id = ? AND d.status = 'pending' "
                                    + "AND CAST(b.body AS TEXT) = ?",
                            ids.get(i),
                            "w" + i,
                            "{\"n\":" + i + "}"))
                    .as("delivery w%d under id %d", i, ids.get(i))
                    .isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(10); // stored + 8 + the one without id
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'w3'"))
                .isEqualTo(1);
        assertThat(importedWakeUps.get()).isPositive(); // processing was told
        // the file being appended to stays until the writer moves on (here: its next group goes straight to the
        // database), then it is deleted, everything in it being imported
        assertThat(journalFiles()).hasSize(1);
        j.committedDirectly(List.of());
        long deadline = System.currentTimeMillis() + 5_000;
        while (!journalFiles().isEmpty()) {
            assertThat(System.currentTimeMillis()).as("imported file deleted").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void onceTheStoredIdsAreReadNewIdsAreNotLookedUpAndEveryRepeatIsStillADuplicate() throws Exception {
        long storedBefore = storeDirectly("stored-before-start");
        JournalInbox j = journal();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!j.knowsStoredIds()) {
            assertThat(System.currentTimeMillis()).as("stored ids read").isLessThan(deadline);
            Thread.sleep(10);
        }
        // the writer's own direct commit tells the journal (another writer's would be caught by the import)
        long direct = storeDirectly("direct-after-start");
        j.committedDirectly(List.of(delivery("direct-after-start", "{}")));

        List<NewDelivery> fresh = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fresh.add(delivery("new-" + i, "{}"));
        }
        List<IngestResult> accepted = j.append(fresh);
        assertThat(accepted).allMatch(r -> r instanceof IngestResult.Accepted);
        assertThat(j.lookups())
                .as("new ids looked up in the database (about 1% are false alarms)")
                .isLessThan(20);

        long new5 = ((IngestResult.Accepted) accepted.get(5)).deliveryId();
        List<IngestResult> repeats = j.append(List.of(
                delivery("stored-before-start", "{}"), delivery("new-5", "{}"), delivery("direct-after-start", "{}")));
        assertThat(repeats)
                .containsExactly(
                        new IngestResult.Duplicate(storedBefore),
                        new IngestResult.Duplicate(new5),
                        new IngestResult.Duplicate(direct));

        // once imported (no longer waiting in the journal) a repeat is found in the database
        awaitImported(j);
        long new7 = ((IngestResult.Accepted) accepted.get(7)).deliveryId();
        assertThat(j.append(List.of(delivery("new-7", "{}")))).containsExactly(new IngestResult.Duplicate(new7));
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(302);
    }

    @Test
    void idsOfOtherInsertsNeverCollideWithJournaledOnes() throws Exception {
        JournalInbox j = journal();
        List<NewDelivery> group = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            group.add(delivery("j" + i, "{}"));
        }
        long lastJournaled = ((IngestResult.Accepted) j.append(group).get(9)).deliveryId();
        // e.g. reconciliation inserting while the group waits for import
        long direct = storeDirectly("direct");
        assertThat(direct).isGreaterThan(lastJournaled);
        awaitImported(j);
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(11);

        // after a direct commit the next journaled group comes after it (arrival order = id order)
        j.committedDirectly(List.of());
        long next = ((IngestResult.Accepted)
                        j.append(List.of(delivery("later", "{}"))).get(0))
                .deliveryId();
        assertThat(next).isGreaterThan(direct);
    }

    @Test
    void whatACrashLeftInTheJournalIsImportedOnOpenAndACutShortRecordIsDropped() throws Exception {
        Files.createDirectories(journalDir);
        InboxJournal.Position end;
        try (InboxJournal raw = InboxJournal.open(journalDir)) {
            raw.append(List.of(
                    new InboxJournal.Entry(5_000_001, delivery("left-1", "{\"left\":1}")),
                    new InboxJournal.Entry(5_000_002, delivery("left-2", "{\"left\":2}"))));
            end = raw.append(List.of(new InboxJournal.Entry(5_000_003, delivery("left-3", "{\"left\":3}"))));
        }
        // a group whose write was cut short by the crash (its flush never returned, so it was never acknowledged)
        Path scratchDir = dir.resolve("scratch");
        try (InboxJournal raw = InboxJournal.open(scratchDir)) {
            InboxJournal.Position torn =
                    raw.append(List.of(new InboxJournal.Entry(5_000_004, delivery("torn", "{\"torn\":true}"))));
            byte[] record = java.util.Arrays.copyOf(Files.readAllBytes(torn.file()), (int) torn.offset() - 7);
            try (var c = java.nio.channels.FileChannel.open(end.file(), StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap(record), end.offset());
            }
        }
        JournalInbox j = journal(); // imports before it takes anything new

        assertThat(j.backlog()).isZero();
        assertThat(count("SELECT count(*) FROM delivery WHERE id IN (5000001, 5000002, 5000003)"))
                .isEqualTo(3);
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'torn'"))
                .isZero();
        assertThat(journalFiles()).isEmpty();
        // ids handed out afterwards come after the imported ones; a repeat of an imported one is a duplicate
        List<IngestResult> next = j.append(List.of(delivery("left-2", "{}"), delivery("new", "{}")));
        assertThat(next.get(0)).isEqualTo(new IngestResult.Duplicate(5_000_002));
        assertThat(((IngestResult.Accepted) next.get(1)).deliveryId()).isGreaterThan(5_000_003);
    }

    /** {@code edm replay} with the server down: what the journal holds is imported first, unless a server holds it. */
    @Test
    void aCommandWithoutTheServerImportsWhatTheJournalHoldsUnlessAServerHoldsTheFolder() throws Exception {
        assertThat(JournalInbox.importLeft(db, journalDir))
                .as("no journal folder: nothing to do")
                .isTrue();
        Files.createDirectories(journalDir);
        try (InboxJournal raw = InboxJournal.open(journalDir)) {
            raw.append(List.of(
                    new InboxJournal.Entry(7_000_001, delivery("kept-1", "{\"kept\":1}")),
                    new InboxJournal.Entry(7_000_002, delivery("kept-2", "{\"kept\":2}"))));
        }
        JournalInbox serving = journal(); // a running server imports on opening and holds the folder
        assertThat(count("SELECT count(*) FROM delivery WHERE id IN (7000001, 7000002)"))
                .isEqualTo(2);
        try (InboxJournal raw = InboxJournal.open(dir.resolve("other"))) {
            raw.append(List.of(new InboxJournal.Entry(7_000_003, delivery("kept-3", "{}"))));
        }
        Files.move(
                dir.resolve("other").resolve(String.format("%020d.journal", 7_000_003)),
                journalDir.resolve(String.format("%020d.journal", 7_000_003)));
        assertThat(JournalInbox.importLeft(db, journalDir))
                .as("held by the server")
                .isFalse();
        assertThat(count("SELECT count(*) FROM delivery WHERE id = 7000003")).isZero();

        serving.close();
        open.remove(serving);
        // the server stopped before importing the last file (as after kill -9): the command imports it
        assertThat(JournalInbox.importLeft(db, journalDir)).isTrue();
        assertThat(count("SELECT count(*) FROM delivery WHERE id = 7000003 AND webhook_id = 'kept-3'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery WHERE status = 'pending'"))
                .isEqualTo(3);
        assertThat(journalFiles()).isEmpty();
    }

    @Test
    void importingARecordThatIsAlreadyStoredSkipsIt() throws Exception {
        Files.createDirectories(journalDir);
        try (InboxJournal raw = InboxJournal.open(journalDir)) {
            raw.append(List.of(new InboxJournal.Entry(42, delivery("twice", "{\"v\":1}"))));
        }
        db.transaction(c -> Sql.update(
                c,
                "INSERT INTO delivery (id, platform, store, webhook_id, received_at, signed, headers, status) "
                        + "VALUES (42, 'shopify', 'shop.myshopify.com', 'twice', 1, 1, '{}', 'processed')"));
        journal();
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery WHERE id = 42 AND status = 'processed'"))
                .isEqualTo(1);
    }

    @Test
    void aJournalThatCannotBeWrittenFailsTheGroupAndForgetsItsIds() throws Exception {
        JournalInbox j = journal();
        try (var files = Files.list(journalDir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(journalDir); // nothing can be created there any more
        Files.writeString(journalDir, "not a folder");
        List<NewDelivery> group = List.of(delivery("lost", "{}"));
        assertThatThrownBy(() -> j.append(group)).isInstanceOf(StorageException.class);
        Files.delete(journalDir);
        Files.createDirectories(journalDir);
        // the platform retries: the same webhook id is accepted, not taken for a duplicate of the failed one
        assertThat(j.append(group).get(0)).isInstanceOf(IngestResult.Accepted.class);
        awaitImported(j);
        assertThat(count("SELECT count(*) FROM delivery WHERE webhook_id = 'lost'"))
                .isEqualTo(1);
    }

    @Test
    void importsThatKeepFailingAreReportedAndResumeOnceTheDatabaseTakesThemAgain() throws Exception {
        JournalInbox j = journal();
        db.transaction(c -> Sql.update(c, "ALTER TABLE delivery_body RENAME TO delivery_body_away"));
        List<NewDelivery> group = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            group.add(delivery("stuck-" + i, "{}"));
        }
        j.append(group);
        assertThat(j.problem()).isEmpty(); // not at once: a locked database is normal for a moment
        long deadline = System.currentTimeMillis() + JournalInbox.FAILING_REPORTED_AFTER_MILLIS + 10_000;
        while (j.problem().isEmpty()) {
            assertThat(System.currentTimeMillis()).as("failing import reported").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(j.problem().orElseThrow()).contains("import failing for").contains("8 deliveries waiting");
        assertThat(j.backlog()).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM delivery")).isZero(); // nothing half-imported

        db.transaction(c -> Sql.update(c, "ALTER TABLE delivery_body_away RENAME TO delivery_body"));
        awaitImported(j);
        assertThat(j.problem()).isEmpty();
        assertThat(count("SELECT count(*) FROM delivery d JOIN delivery_body b ON b.delivery_id = d.id"))
                .isEqualTo(8);
    }

    @Test
    void aSecondJournalOnTheSameFolderIsRefusedUntilTheFirstCloses() {
        JournalInbox first = journal();
        assertThatThrownBy(this::journal)
                .isInstanceOf(InboxJournal.Busy.class)
                .hasMessageContaining("another edm process uses the inbox journal");
        first.close();
        open.remove(first);
        assertThat(journal().backlog()).isZero();
    }
}

package dev.edm.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.config.DatabaseSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations and leases on a real database; one subclass per database. */
abstract class DatabaseContract {
    @TempDir
    Path dir;

    DatabaseSettings settings;
    Database db;

    abstract DatabaseSettings settings(Path dir);

    @BeforeEach
    void open() {
        settings = settings(dir);
        db = Database.open(settings);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The fast path of an up-to-date database trusts this number: it must be the newest migration's. */
    @Test
    void theLatestMigrationConstantIsTheNewestMigrationFile() throws Exception {
        int newest = 0;
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                var m = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql")
                        .matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(String.valueOf(newest));
        assertThat(text("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC"))
                .contains(Database.LATEST_MIGRATION);
    }

    /** A database one migration behind (as after an upgrade of edm) is migrated, not taken as up to date. */
    @Test
    void aDatabaseBehindTheLatestMigrationIsMigrated() {
        db.transaction(c -> {
            // undo the newest migration (V69 moved the bodies out of the delivery row)
            Sql.update(c, "DELETE FROM flyway_schema_history WHERE version = ?", Database.LATEST_MIGRATION);
            Sql.update(c, "DROP TABLE delivery_body");
            Sql.update(
                    c,
                    "ALTER TABLE delivery ADD COLUMN body "
                            + (db.kind() == DatabaseSettings.Kind.SQLITE ? "BLOB" : "BYTEA"));
            return null;
        });
        db.close();
        db = Database.open(settings);
        assertThat(text("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC"))
                .contains(Database.LATEST_MIGRATION);
        assertThat(text("SELECT COUNT(*) FROM delivery_body")).contains("0");
    }

    @Test
    void migratingAgainIsANoOpAndKeepsData() {
        db.transaction(c -> Sql.update(c, "INSERT INTO lease (name, owner, expires_at) VALUES ('x', 'o', 1)"));
        db.close();
        db = Database.open(settings);
        assertThat(text("SELECT owner FROM lease WHERE name = 'x'")).contains("o");
        assertThat(text("SELECT max(version) FROM flyway_schema_history")).isPresent();
    }

    @Test
    void aLeaseIsHeldByOneOwnerUntilItExpiresOrIsReleased() {
        assertThat(acquire("a", 1_000, 10_000)).isTrue();
        assertThat(acquire("b", 2_000, 10_000)).as("b while a holds it").isFalse();
        assertThat(acquire("a", 5_000, 10_000)).as("a renews").isTrue();
        assertThat(acquire("b", 14_000, 10_000))
                .as("b before a's renewal expires")
                .isFalse();
        assertThat(acquire("b", 15_001, 10_000)).as("b after expiry").isTrue();
        assertThat(acquire("a", 15_002, 10_000)).as("a lost it").isFalse();
        db.transaction(c -> {
            Leases.release(c, "job", "b");
            return null;
        });
        assertThat(acquire("a", 15_003, 10_000)).as("a after b released").isTrue();
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try {
            db.transaction(c -> {
                Sql.update(c, "INSERT INTO lease (name, owner, expires_at) VALUES ('y', 'o', 1)");
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(text("SELECT count(*) FROM lease WHERE name = 'y'")).contains("0");
    }

    Optional<String> text(String sql) {
        Optional<String> value = db.read(c -> Sql.queryOne(c, sql, rs -> rs.getString(1)));
        return value;
    }

    private boolean acquire(String owner, long now, long ttl) {
        return db.transaction(c -> Leases.tryAcquire(c, "job", owner, now, ttl));
    }

    @Test
    void packedColumnsReadBackEveryValueAndNullsWithAValueHoldingTheSeparatorReadOneByOne() {
        List<List<Object>> rows = db.read(c -> {
            List<List<Object>> out = new ArrayList<>();
            PackedRow row = new PackedRow(6);
            String sql = "SELECT "
                    + PackedColumns.select(
                            List.of("a", PackedColumns.nullable("b"), PackedColumns.nullable("c"), "d", "e", "f"))
                    + " FROM (SELECT 'x' AS a, CAST(NULL AS VARCHAR(5)) AS b, '' AS c, -42 AS d, '12.50' AS e,"
                    + " 'caf\u00e9' AS f UNION ALL SELECT 'y\u001fz', 'b', 'c', 7, '1E+3', '') t ORDER BY a";
            try (var ps = c.prepareStatement(sql);
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs, 1);
                    out.add(Arrays.asList(
                            row.text(0),
                            row.textOrNull(1),
                            row.textOrNull(2),
                            row.number(3),
                            row.decimal(4),
                            row.text(5),
                            row.isEmpty(5),
                            row.key(0, 2)));
                }
            }
            return out;
        });
        assertThat(rows.get(0))
                .containsExactly("x", null, "", -42L, new BigDecimal("12.50"), "caf\u00e9", false, "x\u001f");
        assertThat(rows.get(1).subList(0, 7))
                .containsExactly("y\u001fz", "b", "c", 7L, new BigDecimal("1E+3"), "", true);
        assertThat(rows.get(1).get(7)).isNotEqualTo(rows.get(0).get(7));
    }

    private static final String NUMBERS =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) ";

    private static PackedStream.Query numbers(int count, String label) {
        return new PackedStream.Query(
                NUMBERS + "SELECT " + PackedColumns.select(List.of("i", "'" + label + "'")) + " FROM n ORDER BY i",
                List.of(count));
    }

    @Test
    void aStreamedReadHandsOverEveryRowOfEveryQueryInOrderAcrossChunks() {
        List<String> seen = new ArrayList<>();
        PackedRow row = new PackedRow(2);
        PackedStream.read(
                db,
                List.of(
                        numbers(5000, "a"),
                        new PackedStream.Query(
                                "SELECT " + PackedColumns.select(List.of("'b'", "'b'")) + " FROM lease", List.of()),
                        new PackedStream.Query(
                                "SELECT " + PackedColumns.select(List.of("'p\u001fq'", "'c'")), List.of()),
                        numbers(3, "d")),
                row,
                () -> seen.add(row.text(1) + row.text(0)));
        assertThat(seen).hasSize(5004);
        assertThat(seen.subList(0, 3)).containsExactly("a1", "a2", "a3");
        assertThat(seen.get(4999)).isEqualTo("a5000");
        assertThat(seen.subList(5000, 5004)).containsExactly("cp\u001fq", "d1", "d2", "d3");
    }

    @Test
    void aFailureOfTheCallerStopsTheStreamedReadAndTheDatabaseStaysUsable() {
        PackedRow row = new PackedRow(2);
        int[] used = {0};
        assertThatThrownBy(() -> PackedStream.read(db, List.of(numbers(100_000, "a")), row, () -> {
                    if (++used[0] == 3000) {
                        throw new IllegalStateException("client went away");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("client went away");
        assertThat(used[0]).isEqualTo(3000);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("edm-read-ahead") && t.isAlive());
        for (int i = 0; i < 20; i++) { // every connection went back to the pool
            Optional<Integer> one = db.read(c -> Sql.queryOne(c, "SELECT 1", rs -> rs.getInt(1)));
            assertThat(one).contains(1);
        }
    }

    @Test
    void aFailureOfTheDatabaseInAStreamedReadIsThrownToTheCallerAfterTheRowsBeforeIt() {
        PackedRow row = new PackedRow(2);
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> PackedStream.read(
                        db,
                        List.of(
                                numbers(2, "a"),
                                new PackedStream.Query("SELECT nothing FROM no_such_table", List.of())),
                        row,
                        () -> seen.add(row.text(0))))
                .isInstanceOf(StorageException.class);
        assertThat(seen).containsExactly("1", "2");
    }
}

package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.ingest.Retention;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw bodies older than EDM_RETENTION_DAYS are purged; metadata, status and derived state stay. */
abstract class RetentionContract {
    static final String SECRET = "retention-secret";
    static final String SHOP = "retention.myshopify.com";

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-10-01T12:00:00Z"));
    RunningApp app;
    String url;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        url = databaseUrl();
        app = RunningApp.start(dir, url, Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET, "EDM_RETENTION_DAYS", "30"), clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    void post(JsonNode body) {
        HttpResponse<String> res = app.http()
                .signed(SECRET, "products/update", SHOP, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    long bodyLength(long id) {
        return app.bytes("SELECT body FROM delivery_body WHERE delivery_id = ?", id).length;
    }

    @Test
    void oldBodiesArePurgedAndEverythingElseIsKept() throws Exception {
        post(ShopifyStateContract.product("2026-10-01T12:00:00Z", 3, 7));
        clock.advance(Duration.ofDays(20));
        post(ShopifyStateContract.product("2026-10-21T12:00:00Z", 4, 8));
        long first = app.count("SELECT MIN(id) FROM delivery");
        long second = app.count("SELECT MAX(id) FROM delivery");
        String state = app.app().core().inventory().checksum();
        Retention retention = new Retention(app.app().core().database(), clock, 30);

        clock.advance(Duration.ofDays(10)); // the first is 30 days old: not older than the retention yet
        assertThat(retention.purge(false).deliveries()).isZero();

        clock.advance(Duration.ofDays(1));
        Retention.Result dry = retention.purge(true);
        assertThat(dry.deliveries()).isEqualTo(1);
        assertThat(dry.bytes()).isEqualTo(bodyLength(first));
        assertThat(bodyLength(first)).as("a dry run changes nothing").isPositive();

        Retention.Result done = retention.purge(false);
        assertThat(done.deliveries()).isEqualTo(1);
        assertThat(done.cutoff()).isEqualTo(Instant.parse("2026-10-02T12:00:00Z"));
        assertThat(bodyLength(first)).isZero();
        assertThat(app.text("SELECT status FROM delivery WHERE id = ?", first)).isEqualTo("processed");
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", first)).isEqualTo("products/update");
        assertThat(app.count("SELECT count(*) FROM delivery WHERE id = ? AND body_purged_at IS NOT NULL", first))
                .isEqualTo(1);
        assertThat(bodyLength(second)).isPositive();
        assertThat(app.app().core().inventory().checksum())
                .as("derived state is kept")
                .isEqualTo(state);
        assertThat(retention.purge(false).deliveries()).as("purged once").isZero();
        assertThat(Retention.purged(app.app().core().database(), Optional.empty())
                        .deliveries())
                .isEqualTo(1);
        assertThat(Retention.purged(app.app().core().database(), Optional.of(Instant.parse("2026-10-10T00:00:00Z")))
                        .deliveries())
                .as("a replay since a later time needs no purged body")
                .isZero();

        // a full replay (allowed) rebuilds from the retained delivery and leaves the purged one as it was
        app.close();
        app = null;
        try (Core core = Core.open(
                dev.edm.config.ConfigLoader.load(Map.of(
                        "EDM_DATA_DIR", dir.resolve("data").toString(),
                        "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                        "EDM_LOG_DIR", dir.resolve("logs").toString(),
                        "EDM_MIN_FREE_MB", "1",
                        "EDM_DATABASE_URL", databaseUrlOrSqlite())),
                clock)) {
            assertThat(core.replay(Optional.empty()).deliveries()).isEqualTo(1);
            assertThat(core.inventory().variants(Optional.empty()))
                    .allSatisfy(v -> assertThat(v.firstSeen()).isEqualTo(Instant.parse("2026-10-21T12:00:00Z")));
            assertThat(TestCounts.count(core, "SELECT count(*) FROM delivery WHERE status = 'processed'"))
                    .isEqualTo(2);
        }
    }

    String databaseUrlOrSqlite() {
        return url != null ? url : "jdbc:sqlite:" + dir.resolve("data").resolve("edm.db");
    }

    /** Counting through a core's own database. */
    static final class TestCounts {
        static long count(Core core, String sql) {
            return core.database()
                    .read(c -> dev.edm.storage.Sql.queryOne(c, sql, rs -> rs.getLong(1))
                            .orElseThrow());
        }
    }
}

package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.ShopifyRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edm as a real process: kill -9 under load loses no acknowledged delivery; SIGTERM shuts down cleanly. */
class CrashRecoveryIT {
    static final String SECRET = "crash-secret";
    static final String SHOP = "crash.myshopify.com";

    @TempDir
    Path dir;

    Map<String, String> env() {
        return ChildEdm.isolatedEnv(dir, SECRET);
    }

    @Test
    void everyAcknowledgedDeliverySurvivesKillDashNineAndIsProcessedAfterRestart() throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        try (ChildEdm edm = ChildEdm.serve(dir, env())) {
            ShopifyRequests http = edm.http();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                running.add(senders.submit(() -> {
                    while (!stop.get()) {
                        String id = UUID.randomUUID().toString();
                        try {
                            HttpResponse<String> res =
                                    http.signed(SECRET, "orders/create", SHOP, id, "{\"id\":\"" + id + "\"}");
                            if (res.statusCode() == 200) {
                                acked.add(id);
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                }));
            }
            while (acked.size() < 300) {
                Thread.sleep(10);
            }
            edm.kill();
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);

        try (ChildEdm restarted = ChildEdm.serve(dir, env())) {
            // acknowledged from the database or from the inbox journal, which is imported before serving
            Set<String> stored = storedIds();
            assertThat(stored)
                    .as("every 2xx-acknowledged delivery is in the inbox after kill -9 and a restart")
                    .containsAll(acked);
            long deadline = System.currentTimeMillis() + 30_000;
            while (count("SELECT count(*) FROM delivery WHERE status = 'pending'") > 0) {
                assertThat(System.currentTimeMillis())
                        .as("pending deliveries processed after restart")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(count("SELECT count(*) FROM delivery WHERE status = 'processed'"))
                    .isEqualTo(stored.size());
            assertThat(restarted.terminate()).isIn(0, 143);
        }
    }

    @Test
    void sigtermStopsCleanlyAfterCommittingInFlightDeliveries() throws Exception {
        ChildEdm edm = ChildEdm.serve(dir, env());
        for (int i = 0; i < 20; i++) {
            assertThat(edm.http()
                            .signed(SECRET, "orders/create", SHOP, "t" + i, "{}")
                            .statusCode())
                    .isEqualTo(200);
        }
        int exit = edm.terminate();
        assertThat(exit).isIn(0, 143);
        assertThat(edm.output()).contains("edm stopped");
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(20);
    }

    private Set<String> storedIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/edm.db"));
                PreparedStatement ps = c.prepareStatement("SELECT webhook_id FROM delivery");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/edm.db"));
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

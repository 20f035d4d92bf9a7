package dev.edm.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.standardwebhooks.Webhook;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.Rule;
import dev.edm.config.DatabaseSettings;
import dev.edm.config.NotifySettings;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import dev.edm.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real database with real HTTP peers (WireMock): written with the alert change, delivered
 * exactly once through an outage, retried with Retry-After, dead-lettered and resent, safe across a crash and a
 * restart, and a 5,000-SKU burst becomes one digest per receiver. One subclass per database.
 */
abstract class NotificationsContract {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    DatabaseSettings settings;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    WireMockServer peer;

    abstract DatabaseSettings settings(Path dir);

    @BeforeEach
    void open() {
        settings = settings(dir);
        db = Database.open(settings);
        peer = new WireMockServer(wireMockConfig().dynamicPort());
        peer.start();
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        peer.stubFor(post("/slack/a").willReturn(aResponse().withStatus(200).withBody("ok")));
        peer.stubFor(post("/slack/b").willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterEach
    void close() {
        peer.stop();
        db.close();
    }

    NotifySettings webhookSettings(int maxAttempts) {
        return Notices.settings(
                Optional.empty(),
                List.of(new NotifySettings.WebhookTarget(URI.create(peer.baseUrl() + "/hook"), Optional.of(SECRET))),
                maxAttempts,
                "daily@08:00");
    }

    Notifications notifications(NotifySettings s) {
        return Notifications.open(db, clock, Notices.noEmail(), s);
    }

    List<AlertNotice> critical(int n) {
        List<AlertNotice> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(Notices.firing(i, Rule.OUT_OF_STOCK, "SKU-" + i, 0, clock.instant()));
        }
        return list;
    }

    /** Requests the peer answered with 2xx, by webhook-id. */
    Map<String, Long> delivered(String path) {
        return peer.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .filter(e -> e.getResponse().getStatus() / 100 == 2)
                .collect(Collectors.groupingBy(e -> e.getRequest().getHeader("webhook-id"), Collectors.counting()));
    }

    int drain(Notifications n, Duration step) {
        int passes = 0;
        while (!n.list(Optional.of(Outbox.PENDING), 10).isEmpty() && passes < 30) {
            clock.advance(step);
            n.deliverDue();
            passes++;
        }
        return passes;
    }

    @Test
    void noticesCommitWithTheAlertChangeOrNotAtAll() {
        Notifications n = notifications(webhookSettings(10));
        assertThatThrownBy(() -> db.transaction(c -> {
                    try (Session s = new Session(c)) {
                        n.sink().accept(s, critical(1).get(0));
                    }
                    throw new IllegalStateException("the alert change failed");
                }))
                .hasMessageContaining("alert change failed");
        assertThat(n.list(Optional.empty(), 10)).isEmpty();

        Notices.accept(db, n, critical(1));
        Notices.accept(db, n, critical(1)); // the same notice again: one message
        assertThat(n.list(Optional.empty(), 10)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("pending");
            assertThat(row.key()).isEqualTo(critical(1).get(0).key() + ":webhook-1");
        });
    }

    @Test
    void anOutageOf500s429sAndADownServerEndsWithEveryMessageDeliveredExactlyOnce() throws Exception {
        Notifications n = notifications(webhookSettings(10));
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(500).withBody("upstream broke")));
        List<AlertNotice> notices = critical(3);
        Notices.accept(db, n, notices);
        assertThat(n.deliverDue()).isEqualTo(3);
        assertThat(n.list(Optional.of("pending"), 10)).hasSize(3).allSatisfy(r -> {
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastError()).contains("HTTP 500").contains("upstream broke");
            assertThat(r.nextAttemptAt()).isGreaterThan(clock.millis());
        });

        // 429 with Retry-After: the next attempt waits at least that long (longer than the backoff would)
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
        clock.advance(Duration.ofMinutes(2));
        n.deliverDue();
        List<Notification> after429 = n.list(Optional.of("pending"), 10);
        assertThat(after429).anySatisfy(r -> {
            assertThat(r.lastError()).contains("HTTP 429");
            assertThat(r.nextAttemptAt()).isGreaterThanOrEqualTo(clock.millis() + 600_000);
        });
        // four failures in a row open the receiver's circuit: the rest wait without spending an attempt
        assertThat(after429).anySatisfy(r -> assertThat(r.lastError()).contains("circuit open"));

        // the server goes away entirely
        int port = peer.port();
        peer.stop();
        clock.advance(Duration.ofMinutes(15));
        n.deliverDue();
        assertThat(n.list(Optional.of("pending"), 10))
                .anySatisfy(r -> assertThat(r.lastError()).contains("connection refused"));
        assertThat(n.list(Optional.of("sent"), 10)).isEmpty();

        // recovery on the same address
        peer = new WireMockServer(wireMockConfig().port(port));
        peer.start();
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        drain(n, Duration.ofHours(1));

        assertThat(n.list(Optional.of("sent"), 10)).hasSize(3);
        Map<String, Long> got = delivered("/hook");
        assertThat(got)
                .containsOnlyKeys(
                        notices.stream().map(c -> c.key() + ":webhook-1").toList())
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1L));
        // every delivery is a Standard Webhooks signed event
        Webhook verifier = new Webhook(SECRET);
        for (ServeEvent e : peer.getAllServeEvents()) {
            var req = e.getRequest();
            HttpHeaders headers = HttpHeaders.of(
                    Map.of(
                            "webhook-id", List.of(req.getHeader("webhook-id")),
                            "webhook-timestamp", List.of(req.getHeader("webhook-timestamp")),
                            "webhook-signature", List.of(req.getHeader("webhook-signature"))),
                    (a, b) -> true);
            assertThat(req.getBodyAsString()).contains("\"type\":\"alert.firing\"");
            // the library checks the timestamp against the wall clock, so sign-check with a fresh timestamp window
            verifyIgnoringTime(verifier, req.getBodyAsString(), headers);
        }
    }

    static void verifyIgnoringTime(Webhook verifier, String body, HttpHeaders headers) throws Exception {
        String id = headers.firstValue("webhook-id").orElseThrow();
        long ts = Long.parseLong(headers.firstValue("webhook-timestamp").orElseThrow());
        String expected = verifier.sign(id, ts, body);
        assertThat(headers.firstValue("webhook-signature").orElseThrow()).isEqualTo(expected);
    }

    @Test
    void afterTheAttemptLimitAMessageIsDeadAndResendDeliversIt() {
        Notifications n = notifications(webhookSettings(3));
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withBody("maintenance")));
        Notices.accept(db, n, critical(1));
        for (int i = 0; i < 3; i++) {
            n.deliverDue();
            clock.advance(Duration.ofHours(3));
        }
        Notification dead = n.list(Optional.of("dead"), 10).get(0);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).contains("HTTP 503").contains("gave up after 3 attempts");
        assertThat(n.deliverDue()).isZero();

        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        assertThat(n.resend(dead.id())).isEqualTo(Notifications.Resend.RESENT);
        assertThat(n.resend(dead.id())).isEqualTo(Notifications.Resend.NOT_RESENDABLE);
        assertThat(n.resend(999_999)).isEqualTo(Notifications.Resend.NOT_FOUND);
        clock.advance(Duration.ofMinutes(2)); // the circuit, opened by the failures, lets one trial through
        n.deliverDue();
        assertThat(n.find(dead.id()).orElseThrow().status()).isEqualTo("sent");
        assertThat(delivered("/hook")).containsEntry(dead.key(), 1L);
    }

    @Test
    void aPermanentRefusalIsDeadAtOnce() {
        Notifications n = notifications(webhookSettings(10));
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(410).withBody("this hook was deleted")));
        Notices.accept(db, n, critical(1));
        n.deliverDue();
        Notification dead = n.list(Optional.of("dead"), 10).get(0);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("HTTP 410").contains("this hook was deleted");
    }

    @Test
    void aCrashBetweenSendingAndMarkingGivesOneDuplicateWithTheSameKeyAndNoLoss() {
        Notifications crashing = new Notifications(
                db,
                clock,
                Notices.noEmail(),
                webhookSettings(10),
                Notifications.channels(clock, Notices.noEmail(), webhookSettings(10)),
                row -> {
                    throw new SimulatedCrash();
                });
        AlertNotice notice = critical(1).get(0);
        Notices.accept(db, crashing, List.of(notice));
        assertThatThrownBy(crashing::deliverDue).isInstanceOf(SimulatedCrash.class);
        assertThat(delivered("/hook")).hasSize(1);

        // the next process: the row is still pending, claimed by the dead worker until its claim runs out
        Notifications next = notifications(webhookSettings(10));
        assertThat(next.list(Optional.of("pending"), 10)).hasSize(1);
        assertThat(next.deliverDue()).isZero();
        clock.advance(Worker.CLAIM.plusSeconds(1));
        assertThat(next.deliverDue()).isEqualTo(1);

        assertThat(next.list(Optional.of("sent"), 10)).hasSize(1);
        String key = notice.key() + ":webhook-1";
        assertThat(delivered("/hook")).containsOnlyKeys(key).containsEntry(key, 2L);
    }

    /** Stands for the process dying: not an Exception, so nothing on the way catches it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after sending");
        }
    }

    @Test
    void twoInstancesSendingAtOnceDeliverEachMessageOnce() throws Exception {
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(20)));
        List<AlertNotice> notices = critical(30);
        Notifications first = notifications(webhookSettings(10));
        Notices.accept(db, first, notices);
        try (Database otherPool = Database.open(settings)) {
            Notifications second = Notifications.open(otherPool, clock, Notices.noEmail(), webhookSettings(10));
            var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> drainNow(first));
            var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> drainNow(second));
            assertThat(a.get() + b.get()).isEqualTo(30);
        }
        assertThat(first.list(Optional.of("sent"), 100)).hasSize(30);
        assertThat(delivered("/hook"))
                .hasSize(30)
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1L));
    }

    /** Delivery passes without moving the clock until nothing more is due; returns how many were sent. */
    private static int drainNow(Notifications n) {
        int tried = 0;
        int got;
        while ((got = n.deliverDue()) > 0) {
            tried += got;
        }
        return tried;
    }

    @Test
    void rowsAndTheirRetryStateSurviveARestart() {
        Notifications n = notifications(webhookSettings(10));
        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(500)));
        Notices.accept(db, n, critical(2));
        n.deliverDue();
        long nextAttempt = n.list(Optional.of("pending"), 10).get(0).nextAttemptAt();
        n.close();
        db.close();

        db = Database.open(settings);
        Notifications restarted = notifications(webhookSettings(10));
        List<Notification> pending = restarted.list(Optional.of("pending"), 10);
        assertThat(pending).hasSize(2).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
        assertThat(restarted.deliverDue())
                .as("the backoff survived the restart")
                .isZero();

        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        clock.set(Instant.ofEpochMilli(nextAttempt).plus(Duration.ofHours(2)));
        assertThat(restarted.deliverDue()).isEqualTo(2);
        assertThat(restarted.list(Optional.of("sent"), 10))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(2));
    }

    @Test
    void aBurstOf5000LowStockAlertsIsOneDigestPerReceiverAtTheDigestTime() throws Exception {
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                receivers:
                  - name: team-a
                    slack: %s/slack/a
                  - name: team-b
                    slack: %s/slack/b
                routes:
                  - receivers: [team-a]
                  - severities: [warning, critical]
                    receivers: [team-b]
                """.formatted(peer.baseUrl(), peer.baseUrl()));
        Notifications n = notifications(Notices.settings(Optional.of(routes), List.of(), 10, "daily@08:00"));
        List<AlertNotice> burst = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            burst.add(Notices.firing(i, Rule.LOW_STOCK, "SKU-%04d".formatted(i), 1 + (i % 5), clock.instant()));
        }
        Notices.accept(db, n, burst);
        // a no-sales (info) notice reaches team-a only; an out-of-stock one goes out to both at once
        Notices.accept(db, n, List.of(Notices.firing(9001, Rule.NO_SALES, "SKU-IDLE", 7, clock.instant())));
        AlertNotice outOfStock = Notices.firing(9002, Rule.OUT_OF_STOCK, "SKU-GONE", 0, clock.instant());
        Notices.accept(db, n, List.of(outOfStock));

        n.deliverDue();
        assertThat(peer.getAllServeEvents())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("SKU-GONE"));

        clock.set(Instant.parse("2026-03-03T07:59:00Z"));
        n.deliverDue();
        assertThat(peer.getAllServeEvents()).hasSize(2);

        clock.set(Instant.parse("2026-03-03T08:00:00Z"));
        n.deliverDue();
        Function<String, List<String>> bodies = path -> peer.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> !b.contains("SKU-GONE"))
                .toList();
        assertThat(bodies.apply("/slack/a"))
                .singleElement()
                .satisfies(b -> assertThat(b).contains("5001 alerts").contains("and 4981 more"));
        assertThat(bodies.apply("/slack/b"))
                .singleElement()
                .satisfies(b -> assertThat(b).contains("5000 alerts").doesNotContain("SKU-IDLE"));
        assertThat(n.list(Optional.of("digested"), 20_000)).hasSize(10_001);
        assertThat(n.list(Optional.of("sent"), 10))
                .filteredOn(r -> r.kind().equals("digest"))
                .extracting(Notification::items)
                .containsExactlyInAnyOrder(5001, 5000);

        // resolved: people hear it for the critical alert only
        Notices.accept(
                db,
                n,
                List.of(
                        Notices.resolved(outOfStock, clock.instant()),
                        Notices.resolved(burst.get(0), clock.instant())));
        n.deliverDue();
        assertThat(n.list(Optional.of("sent"), 10))
                .filteredOn(r -> r.kind().equals("resolved"))
                .hasSize(2);
        assertThat(n.list(Optional.of("held"), 10)).isEmpty();
    }
}

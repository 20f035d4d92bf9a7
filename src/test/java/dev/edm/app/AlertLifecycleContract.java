package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.alerts.Alert;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.AlertSink;
import dev.edm.alerts.Rule;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import dev.edm.testing.ShopifyRequests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert lifecycle end to end: Shopify deliveries through a real server, the scheduled check run by hand on a
 * moved clock, manual transitions over the API, silences, inhibition, integration health and replay, with the
 * notices a recording {@link AlertSink} received. One subclass per database.
 */
abstract class AlertLifecycleContract {
    static final String SECRET = ShopifyStateContract.SECRET;
    static final String SHOP = "life-shop.myshopify.com";
    static final String STORE = "shopify:" + SHOP;
    static final String SMALL = ShopifyStateContract.SMALL;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    final List<AlertNotice> notices = new CopyOnWriteArrayList<>();
    final AlertSink recording = (session, notice) -> notices.add(notice);
    RunningApp app;
    String databaseUrl;
    int revision;

    abstract String databaseUrl();

    void start(Map<String, String> extra) {
        databaseUrl = databaseUrl();
        Map<String, String> env = new HashMap<>(Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET));
        env.putAll(extra);
        app = RunningApp.start(dir, databaseUrl, env, clock, recording);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // ---- helpers

    String nextUpdate() {
        revision++;
        return Instant.parse("2026-10-01T00:00:00Z")
                .plus(Duration.ofMinutes(revision))
                .toString();
    }

    void post(String topic, JsonNode body) {
        HttpResponse<String> res =
                app.http().signed(SECRET, topic, SHOP, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as("%s answered %s", topic, res.body()).isEqualTo(200);
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    /** The Small variant's stock, through a product update (Medium stays well stocked). */
    void smallStock(int qty) throws Exception {
        post("products/update", ShopifyStateContract.product(nextUpdate(), qty, 500));
    }

    void check() {
        app.app().core().alerts().checkAll();
    }

    List<String> sent() {
        return notices.stream().map(n -> n.kind() + " " + n.alert().rule().id()).toList();
    }

    Alert open(Rule rule) {
        List<Alert> open =
                app.app().core().alerts().list(Optional.of("open"), Optional.of(rule), Optional.of(STORE), 10);
        assertThat(open).as("open %s alerts", rule.id()).hasSize(1);
        return open.get(0);
    }

    long openCount(Rule rule) {
        return app.count("SELECT count(*) FROM alert WHERE status = 'open' AND rule = ?", rule.id());
    }

    HttpResponse<String> api(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.http().baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return ShopifyRequests.send(b.build());
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body());
    }

    // ---- tests

    @Test
    void lowStockFiresOnceAndBouncingAroundTheThresholdDoesNotFlap() throws Exception {
        start(Map.of());
        smallStock(3);
        assertThat(sent()).containsExactly("FIRING low_stock");
        long id = open(Rule.LOW_STOCK).id();
        assertThat(notices.get(0).alert().state()).isEqualTo("firing");
        assertThat(notices.get(0).alert().lastNotifiedAt()).isEqualTo(clock.instant());

        // threshold 5, margin max(2, ceil(20% of 5)) = 2: resolves only above 7
        for (int qty : new int[] {6, 4, 7, 5, 6, 3, 7}) {
            smallStock(qty);
            assertThat(open(Rule.LOW_STOCK).id())
                    .as("still the same alert at %d", qty)
                    .isEqualTo(id);
        }
        assertThat(open(Rule.LOW_STOCK).currentValue()).isEqualTo(7);
        assertThat(sent()).containsExactly("FIRING low_stock");

        smallStock(8);
        assertThat(openCount(Rule.LOW_STOCK)).isZero();
        assertThat(sent()).containsExactly("FIRING low_stock", "RESOLVED low_stock");
        assertThat(app.text("SELECT resolve_reason FROM alert WHERE id = ?", id))
                .contains("8 available > threshold 5 + margin 2");
        assertThat(app.count("SELECT count(*) FROM alert WHERE rule = 'low_stock'"))
                .isEqualTo(1);
    }

    @Test
    void aStillFiringAlertRepeatsAfterTheIntervalUntilAcknowledgedAndStillResolvesByItself() throws Exception {
        start(Map.of("EDM_REPEAT_INTERVAL", "24h"));
        smallStock(3);
        clock.advance(Duration.ofHours(23));
        check();
        assertThat(sent()).containsExactly("FIRING low_stock");

        clock.advance(Duration.ofHours(2));
        check();
        assertThat(sent()).containsExactly("FIRING low_stock", "REPEAT low_stock");
        check();
        assertThat(sent()).as("once per interval").hasSize(2);

        long id = open(Rule.LOW_STOCK).id();
        HttpResponse<String> ack = api("POST", "/api/alerts/" + id + "/ack", "{\"by\":\"ops@example.com\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).get("state").asText()).isEqualTo("acknowledged");
        assertThat(json(ack).get("acknowledged_by").asText()).isEqualTo("ops@example.com");
        assertThat(json(ack).get("acknowledged_at").asText())
                .isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofDays(3));
        check();
        assertThat(sent()).as("acknowledged alerts are not repeated").hasSize(2);

        smallStock(50);
        assertThat(sent()).containsExactly("FIRING low_stock", "REPEAT low_stock", "RESOLVED low_stock");
        assertThat(app.text("SELECT state FROM alert WHERE id = ?", id)).isEqualTo("resolved");
    }

    @Test
    void aSnoozeHoldsRepeatsBackAndFiresAgainWhenItRunsOut() throws Exception {
        start(Map.of());
        smallStock(3);
        long id = open(Rule.LOW_STOCK).id();

        HttpResponse<String> snooze = api("POST", "/api/alerts/" + id + "/snooze", "{\"for\":\"2h\"}");
        assertThat(snooze.statusCode()).as(snooze.body()).isEqualTo(200);
        assertThat(json(snooze).get("state").asText()).isEqualTo("snoozed");
        Instant until = clock.instant().plus(Duration.ofHours(2));
        assertThat(json(snooze).get("snoozed_until").asText()).isEqualTo(until.toString());
        JsonNode listed = json(app.http().get("/api/alerts")).get("alerts").get(0);
        assertThat(listed.get("state").asText()).isEqualTo("snoozed");
        assertThat(listed.get("snoozed_until").asText()).isEqualTo(until.toString());

        clock.advance(Duration.ofHours(1));
        check();
        assertThat(sent()).containsExactly("FIRING low_stock");

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        check();
        assertThat(sent()).containsExactly("FIRING low_stock", "REPEAT low_stock");
        assertThat(open(Rule.LOW_STOCK).state()).isEqualTo("firing");
        assertThat(open(Rule.LOW_STOCK).snoozedUntil()).isNull();
    }

    @Test
    void manualTransitionsAnswer404UnknownAnd409NonsenseAnd400BadInput() throws Exception {
        start(Map.of());
        smallStock(3);
        long id = open(Rule.LOW_STOCK).id();

        assertThat(api("POST", "/api/alerts/999999/ack", null).statusCode()).isEqualTo(404);
        assertThat(api("POST", "/api/alerts/abc/ack", null).statusCode()).isEqualTo(400);
        HttpResponse<String> badFor = api("POST", "/api/alerts/" + id + "/snooze", "{\"for\":\"soon\"}");
        assertThat(badFor.statusCode()).isEqualTo(400);
        assertThat(json(badFor).get("error").asText()).contains("duration");
        assertThat(api("POST", "/api/alerts/" + id + "/snooze", null).statusCode())
                .as("neither until nor for")
                .isEqualTo(400);
        assertThat(api("POST", "/api/alerts/" + id + "/snooze", "{\"until\":\"2020-01-01T00:00:00Z\"}")
                        .statusCode())
                .as("in the past")
                .isEqualTo(400);
        assertThat(api("POST", "/api/alerts/" + id + "/snooze", "{\"until\":\"tomorrow\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api("POST", "/api/alerts/" + id + "/ack", "not json").statusCode())
                .isEqualTo(400);

        assertThat(api("POST", "/api/alerts/" + id + "/ack", null).statusCode()).isEqualTo(200);
        assertThat(api("POST", "/api/alerts/" + id + "/ack", null).statusCode())
                .as("already acknowledged")
                .isEqualTo(409);
        HttpResponse<String> resolve = api("POST", "/api/alerts/" + id + "/resolve", null);
        assertThat(resolve.statusCode()).as(resolve.body()).isEqualTo(200);
        assertThat(json(resolve).get("status").asText()).isEqualTo("resolved");
        assertThat(json(resolve).get("resolve_reason").asText()).contains("resolved manually");
        assertThat(sent()).containsExactly("FIRING low_stock", "RESOLVED low_stock");

        HttpResponse<String> ackResolved = api("POST", "/api/alerts/" + id + "/ack", null);
        assertThat(ackResolved.statusCode()).isEqualTo(409);
        assertThat(json(ackResolved).get("error").asText()).contains("resolved");
        assertThat(api("POST", "/api/alerts/" + id + "/snooze", "{\"for\":\"1h\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(api("POST", "/api/alerts/" + id + "/resolve", null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void aManualResolveStaysResolvedUntilTheConditionClearsAndBreachesAgain() throws Exception {
        start(Map.of());
        smallStock(3);
        long id = open(Rule.LOW_STOCK).id();
        assertThat(api("POST", "/api/alerts/" + id + "/resolve", null).statusCode())
                .isEqualTo(200);

        smallStock(2);
        check();
        assertThat(openCount(Rule.LOW_STOCK))
                .as("still low, but the user resolved it")
                .isZero();
        smallStock(7);
        smallStock(4);
        assertThat(openCount(Rule.LOW_STOCK))
                .as("7 is inside the margin: the condition never cleared")
                .isZero();

        smallStock(30);
        smallStock(3);
        assertThat(open(Rule.LOW_STOCK).id()).isNotEqualTo(id);
        assertThat(sent()).containsExactly("FIRING low_stock", "RESOLVED low_stock", "FIRING low_stock");
    }

    @Test
    void silencedAlertsOpenAndResolveInHistoryWithoutNoticesAndNotifyWhenTheSilenceEnds() throws Exception {
        start(Map.of());
        HttpResponse<String> add = api(
                "POST",
                "/api/silences",
                "{\"sku\":\"TS-S\",\"store\":\"" + SHOP + "\",\"for\":\"2h\",\"comment\":\"stocktake\"}");
        assertThat(add.statusCode()).as(add.body()).isEqualTo(201);
        assertThat(json(add).get("store").asText()).isEqualTo(STORE);
        assertThat(json(add).get("active").asBoolean()).isTrue();

        smallStock(3);
        assertThat(open(Rule.LOW_STOCK)).isNotNull();
        smallStock(50);
        smallStock(2);
        check();
        assertThat(sent()).as("silenced: nothing").isEmpty();
        assertThat(app.count("SELECT count(*) FROM alert WHERE rule = 'low_stock'"))
                .as("history kept")
                .isEqualTo(2);

        clock.advance(Duration.ofHours(2));
        check();
        assertThat(sent()).containsExactly("FIRING low_stock");
        assertThat(json(app.http().get("/api/silences")).get("count").asInt()).isZero();
        assertThat(json(app.http().get("/api/silences?all=true")).get("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void aSilenceAddedAfterANoticeReNotifiesWhenRemoved() throws Exception {
        start(Map.of());
        smallStock(3);
        assertThat(sent()).containsExactly("FIRING low_stock");
        HttpResponse<String> add = api("POST", "/api/silences", "{\"rule\":\"low_stock\",\"for\":\"2d\"}");
        assertThat(add.statusCode()).isEqualTo(201);
        long silence = json(add).get("id").asLong();
        assertThat(api("POST", "/api/silences", "{\"rule\":\"nope\",\"for\":\"1d\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api("POST", "/api/silences", "{\"rule\":\"low_stock\"}").statusCode())
                .isEqualTo(400);

        clock.advance(Duration.ofHours(25));
        check();
        assertThat(sent()).as("no repeat while silenced").hasSize(1);

        assertThat(api("DELETE", "/api/silences/" + silence, null).statusCode()).isEqualTo(200);
        assertThat(api("DELETE", "/api/silences/" + silence, null).statusCode()).isEqualTo(404);
        check();
        assertThat(sent()).containsExactly("FIRING low_stock", "REPEAT low_stock");
    }

    @Test
    void outOfStockInhibitsLowStockForTheSameVariant() throws Exception {
        start(Map.of());
        smallStock(0);
        assertThat(openCount(Rule.LOW_STOCK)).isEqualTo(1);
        assertThat(sent()).containsExactly("FIRING out_of_stock");
        check();
        assertThat(sent()).as("still inhibited").containsExactly("FIRING out_of_stock");

        smallStock(2);
        assertThat(sent())
                .as("the held-back low-stock notice goes out as soon as out of stock clears")
                .containsExactly("FIRING out_of_stock", "RESOLVED out_of_stock", "FIRING low_stock");
        check();
        assertThat(sent()).as("once").hasSize(3);

        // out of stock again while low stock fires: nothing new for low stock, no repeat of it later
        smallStock(0);
        clock.advance(Duration.ofHours(25));
        check();
        assertThat(sent())
                .containsExactly(
                        "FIRING out_of_stock",
                        "RESOLVED out_of_stock",
                        "FIRING low_stock",
                        "FIRING out_of_stock",
                        "REPEAT out_of_stock");
    }

    @Test
    void aStaleFeedRaisesIntegrationHealthHoldsBackNoSalesAndResolvesOnANewDelivery() throws Exception {
        start(Map.of("EDM_REPEAT_INTERVAL", "100d"));
        for (int i = 0; i < 6; i++) {
            smallStock(40 + i);
            clock.advance(Duration.ofHours(1));
        }
        // median gap 1 h: stale after max(6 h, 10 x 1 h) = 10 h since the last delivery (1 h ago)
        clock.advance(Duration.ofHours(8));
        check();
        assertThat(openCount(Rule.INTEGRATION_HEALTH)).isZero();

        clock.advance(Duration.ofHours(1));
        check();
        Alert health = open(Rule.INTEGRATION_HEALTH);
        assertThat(health.severity()).isEqualTo("critical");
        assertThat(health.store()).isEqualTo(STORE);
        assertThat(health.variantId()).isEmpty();
        assertThat(health.reason()).contains("no deliveries for 10 h");
        assertThat(sent()).containsExactly("FIRING integration_health");

        // 61 days later nothing has sold: no-sales opens, but the stale feed holds its notice back
        clock.advance(Duration.ofDays(61));
        check();
        assertThat(openCount(Rule.NO_SALES)).isEqualTo(2);
        assertThat(sent()).containsExactly("FIRING integration_health");

        smallStock(45);
        check();
        assertThat(openCount(Rule.INTEGRATION_HEALTH)).isZero();
        assertThat(app.text("SELECT resolve_reason FROM alert WHERE rule = 'integration_health'"))
                .contains("deliveries arrive again");
        assertThat(sent())
                .containsExactly(
                        "FIRING integration_health",
                        "RESOLVED integration_health",
                        "FIRING no_sales",
                        "FIRING no_sales");
    }

    @Test
    void deliveriesThatMostlyFailVerificationRaiseIntegrationHealth() {
        start(Map.of("EDM_VERIFY_FAILURES_PER_MINUTE", "1000"));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> res = app.http()
                    .signed(
                            "rotated-secret",
                            "products/update",
                            SHOP,
                            UUID.randomUUID().toString(),
                            "{\"id\":1}");
            assertThat(res.statusCode()).isEqualTo(401);
        }
        check();
        Alert health = open(Rule.INTEGRATION_HEALTH);
        assertThat(health.reason()).contains("mostly fail verification").contains("6 refused, 0 accepted");
        assertThat(sent()).containsExactly("FIRING integration_health");

        clock.advance(Duration.ofHours(25));
        check();
        assertThat(openCount(Rule.INTEGRATION_HEALTH))
                .as("failures older than a day")
                .isZero();
    }

    @Test
    void replayRebuildsAlertsWithoutNotices() throws Exception {
        start(Map.of());
        smallStock(3);
        assertThat(sent()).containsExactly("FIRING low_stock");
        var config = app.config();
        app.close();
        app = null;
        try (Core core = Core.open(config, clock, recording)) {
            core.database().transaction(c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM alert");
                }
                return null;
            });
            core.replay(Optional.empty());
            assertThat(core.alerts().list(Optional.of("open"), Optional.of(Rule.LOW_STOCK), Optional.empty(), 10))
                    .hasSize(1);
            core.alerts().checkAll();
        }
        assertThat(sent()).as("replay and the check after it notify nothing").containsExactly("FIRING low_stock");
    }
}

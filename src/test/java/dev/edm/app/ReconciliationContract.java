package dev.edm.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.inventory.VariantState;
import dev.edm.sync.DifferenceKind;
import dev.edm.sync.Reconciler;
import dev.edm.sync.SyncSummary;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation end to end: a running edm, the platforms' APIs stubbed by WireMock with their real shapes,
 * webhooks that were received and ones that were missed; what sync stores, what state becomes, and that replay
 * gives the same state. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReconciliationContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "sync-secret";
    static final String SHOP = "sync-shop.myshopify.com";
    static final StoreKey SHOPIFY = new StoreKey(Platform.SHOPIFY, SHOP);
    static final String ADMIN = "/admin/api/2025-10";
    static final String PRODUCT = "788032119674292922";
    static final String SMALL = "642667041472713922";
    static final String MEDIUM = "757650484644203962";
    static final long LOCATION = 655441491L;
    static final String WOO_HOST = "wc.example.com";
    static final String BC_HASH = "abc123";

    WireMockServer api;

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;
    String databaseUrl;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry metrics;

    abstract String databaseUrl();

    @BeforeAll
    void startApi() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterAll
    void stopApi() {
        api.stop();
    }

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, env(), clock);
        metrics = new SimpleMeterRegistry();
        waits.clear();
    }

    Map<String, String> env() {
        return Map.ofEntries(
                Map.entry("SHOPIFY_WEBHOOK_SECRET", SECRET),
                Map.entry("SHOPIFY_TOKEN", "shpat_test"),
                Map.entry("EDM_SHOPIFY_API_BASE", api.baseUrl()),
                Map.entry("EDM_SYNC_INTERVAL", "off"),
                Map.entry("WOOCOMMERCE_URL", "https://" + WOO_HOST),
                Map.entry("WOOCOMMERCE_CONSUMER_KEY", "ck_test"),
                Map.entry("WOOCOMMERCE_CONSUMER_SECRET", "cs_test"),
                Map.entry("EDM_WOOCOMMERCE_API_BASE", api.baseUrl()),
                Map.entry("BIGCOMMERCE_TOKENS", BC_HASH + ":bc-token"),
                Map.entry("EDM_BIGCOMMERCE_API_BASE", api.baseUrl()));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        api.resetAll();
    }

    // ---- fixtures ----

    static ObjectNode fixture(String path) {
        try (InputStream in = ReconciliationContract.class.getResourceAsStream("/fixtures/" + path)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shopify's products/create sample with SKUs, inventory items and quantities of our choosing. */
    static ObjectNode shirt(String updatedAt, String price) {
        ObjectNode p = fixture("shopify/topic_products__create.json");
        p.put("updated_at", updatedAt);
        ArrayNode variants = (ArrayNode) p.get("variants");
        ((ObjectNode) variants.get(0))
                .put("sku", "TS-S")
                .put("price", price)
                .put("inventory_item_id", 1001L)
                .put("inventory_quantity", 7);
        ((ObjectNode) variants.get(1))
                .put("sku", "TS-M")
                .put("price", price)
                .put("inventory_item_id", 1002L)
                .put("inventory_quantity", 3);
        return p;
    }

    /** A second product, one variant (id 21, item 2001). */
    static ObjectNode mug(String updatedAt) {
        ObjectNode p = fixture("shopify/topic_products__create.json");
        p.put("id", 2L).put("title", "Mug").put("updated_at", updatedAt);
        ArrayNode variants = (ArrayNode) p.get("variants");
        ObjectNode v = (ObjectNode) variants.get(0);
        v.put("id", 21L).put("product_id", 2L).put("sku", "MUG").put("title", "Default Title");
        v.put("inventory_item_id", 2001L).put("inventory_quantity", 4).put("price", "9.50");
        variants.removeAll();
        variants.add(v);
        return p;
    }

    /** The REST InventoryLevel sample for an item at our location. */
    static ObjectNode level(long item, int available, String updatedAt) {
        ObjectNode l = fixture("shopify/inventory_level.rest_shape.json");
        l.put("inventory_item_id", item).put("location_id", LOCATION).put("available", available);
        l.put("updated_at", updatedAt);
        l.put("admin_graphql_api_id", "gid://shopify/InventoryLevel/" + LOCATION + "?inventory_item_id=" + item);
        return l;
    }

    /** The orders/cancelled sample turned into a live order of one line (2 x Small). */
    static ObjectNode order(long orderId) {
        ObjectNode o = fixture("shopify/topic_orders__cancelled.json");
        o.put("id", orderId)
                .putNull("cancelled_at")
                .put("processed_at", "2026-10-20T09:00:00Z")
                .put("created_at", "2026-10-20T09:00:00Z");
        ArrayNode lines = (ArrayNode) o.get("line_items");
        ObjectNode first = (ObjectNode) lines.get(0);
        first.put("id", orderId * 10)
                .put("variant_id", Long.parseLong(SMALL))
                .put("sku", "TS-S")
                .put("quantity", 2)
                .put("price", "19.99");
        lines.removeAll();
        lines.add(first);
        o.putArray("refunds");
        return o;
    }

    static ObjectNode wrap(String field, JsonNode... items) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray(field);
        for (JsonNode i : items) {
            a.add(i);
        }
        return o;
    }

    // ---- Shopify API stubs ----

    void shopifyProducts(JsonNode... products) {
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_test"))
                .willReturn(okJson(wrap("products", products).toString())));
    }

    void shopifyLevels(JsonNode... levels) {
        api.stubFor(get(urlPathEqualTo(ADMIN + "/inventory_levels.json"))
                .willReturn(okJson(wrap("inventory_levels", levels).toString())));
    }

    void shopifyOrders(JsonNode... orders) {
        api.stubFor(get(urlPathEqualTo(ADMIN + "/orders.json"))
                .willReturn(okJson(wrap("orders", orders).toString())));
    }

    // ---- helpers ----

    Core core() {
        return app.app().core();
    }

    Reconciler reconciler() {
        return Reconciliation.reconciler(
                core(),
                metrics,
                asked -> {
                    waits.add(asked);
                    return 0;
                },
                () -> {});
    }

    SyncSummary sync(StoreKey store) {
        SyncSummary s = reconciler().run(store, Optional.empty(), Optional.empty(), 90);
        processed();
        return s;
    }

    void processed() {
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    void webhook(String topic, JsonNode body) {
        HttpResponse<String> res =
                app.http().signed(SECRET, topic, SHOP, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as("%s answered %s", topic, res.body()).isEqualTo(200);
        processed();
    }

    Optional<VariantState> variant(StoreKey store, String id) {
        return core().inventory().variant(store.id(), id);
    }

    long syncDeliveries(StoreKey store) {
        return app.count("SELECT count(*) FROM delivery WHERE store = ? AND topic LIKE 'edm/sync/%'", store.store());
    }

    double differences(String platform, DifferenceKind kind) {
        var counter = metrics.find("edm.sync.differences")
                .tag("platform", platform)
                .tag("kind", kind.label())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    // ---- Shopify ----

    @Test
    void missedProductStockAndOrderAreRepairedAsReconciliationEventsAndASecondSyncWritesNothing() {
        webhook("products/create", shirt("2026-10-01T10:00:00Z", "19.99"));
        // page 1 names page 2 in its Link header, as Shopify does
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .willReturn(okJson(wrap("products", shirt("2026-10-01T10:00:00Z", "19.99"))
                                .toString())
                        .withHeader(
                                "Link",
                                "<" + api.baseUrl() + ADMIN + "/products.json?limit=250&page_info=p2>; rel=\"next\"")));
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250&page_info=p2"))
                .willReturn(okJson(wrap("products", mug("2026-10-02T10:00:00Z")).toString())
                        .withHeader(
                                "Link",
                                "<" + api.baseUrl() + ADMIN
                                        + "/products.json?limit=250&page_info=p1>; rel=\"previous\"")));
        shopifyLevels(
                level(1001, 7, "2026-10-05T00:00:00Z"),
                level(1002, 1, "2026-10-05T00:00:00Z"),
                level(2001, 4, "2026-10-05T00:00:00Z"));
        shopifyOrders(order(5001));

        SyncSummary first = sync(SHOPIFY);

        assertThat(first.complete()).as(first.line()).isTrue();
        assertThat(first.pages()).isEqualTo(4);
        assertThat(first.products()).isEqualTo(2);
        assertThat(first.levels()).isEqualTo(3);
        assertThat(first.orders()).isEqualTo(1);
        assertThat(first.differences())
                .containsEntry(DifferenceKind.PRODUCT, 1) // the mug; the shirt is as the webhook said
                .containsEntry(DifferenceKind.STOCK, 3)
                .containsEntry(DifferenceKind.ORDER, 1);
        assertThat(first.stored()).isEqualTo(5);
        assertThat(syncDeliveries(SHOPIFY)).isEqualTo(5);
        assertThat(variant(SHOPIFY, "21")).hasValueSatisfying(v -> {
            assertThat(v.sku()).isEqualTo("MUG");
            assertThat(v.stockTotal()).isEqualTo(4);
        });
        assertThat(variant(SHOPIFY, MEDIUM).orElseThrow().stockTotal()).isEqualTo(1);
        assertThat(core().inventory().sales(Optional.of(SHOPIFY.id()), Optional.empty(), Optional.empty()))
                .singleElement()
                .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        assertThat(app.text("SELECT headers FROM delivery WHERE topic = 'edm/sync/order'"))
                .contains("\"edm-source\":\"reconciliation\"");
        assertThat(app.http().get("/api/events?limit=20").body())
                .contains("edm/sync/product", "edm/sync/inventory_level", "edm/sync/order");
        assertThat(differences("shopify", DifferenceKind.STOCK)).isEqualTo(3.0);
        assertThat(app.count(
                        "SELECT count(*) FROM sync_state WHERE store = ? AND last_synced_at IS NOT NULL", SHOPIFY.id()))
                .isEqualTo(1);

        long deliveries = app.count("SELECT count(*) FROM delivery");
        SyncSummary second = sync(SHOPIFY);
        assertThat(second.missed()).as(second.line()).isZero();
        assertThat(second.stored()).isZero();
        assertThat(app.count("SELECT count(*) FROM delivery")).isEqualTo(deliveries);
        assertThat(differences("shopify", DifferenceKind.STOCK)).isEqualTo(3.0);

        // the stored deliveries rebuild the same state without the network
        String live = core().inventory().checksum();
        api.resetAll();
        var config = app.config();
        app.close();
        app = null;
        try (Core offline = Core.open(config, clock)) {
            offline.replay(Optional.empty());
            assertThat(offline.inventory().checksum()).isEqualTo(live);
        }
    }

    @Test
    void throttledCallsAreRetriedAfterTheWaitShopifyAsks() {
        // 429 with Retry-After first, then the page with a nearly full bucket
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0"))
                .willSetStateTo("open"));
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .inScenario("throttle")
                .whenScenarioStateIs("open")
                .willReturn(okJson(wrap("products", mug("2026-10-02T10:00:00Z")).toString())
                        .withHeader("X-Shopify-Shop-Api-Call-Limit", "39/40")));
        shopifyLevels(level(2001, 4, "2026-10-05T00:00:00Z"));
        // a 503 on orders is retried too
        api.stubFor(get(urlPathEqualTo(ADMIN + "/orders.json"))
                .inScenario("unavailable")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("back"));
        api.stubFor(get(urlPathEqualTo(ADMIN + "/orders.json"))
                .inScenario("unavailable")
                .whenScenarioStateIs("back")
                .willReturn(okJson(wrap("orders").toString())));

        SyncSummary s = sync(SHOPIFY);

        assertThat(s.complete()).as(s.line()).isTrue();
        assertThat(s.differences()).containsEntry(DifferenceKind.PRODUCT, 1).containsEntry(DifferenceKind.STOCK, 1);
        assertThat(waits).contains(Duration.ofSeconds(2)); // Retry-After honoured
        // 39 of 40 used: wait until the bucket (leaking 2/s) is back to half full
        assertThat(waits).contains(Duration.ofMillis(9_500));
        api.verify(2, getRequestedFor(urlEqualTo(ADMIN + "/products.json?limit=250")));
        api.verify(2, getRequestedFor(urlPathEqualTo(ADMIN + "/orders.json")));
        assertThat(metrics.find("edm.sync.http.retries")
                        .tag("platform", "shopify")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void anOrderAlreadyReceivedByWebhookIsNotCountedTwice() {
        webhook("products/create", shirt("2026-10-01T10:00:00Z", "19.99"));
        webhook("orders/create", order(5001));
        shopifyProducts(shirt("2026-10-01T10:00:00Z", "19.99"));
        shopifyLevels();
        ObjectNode cancelledLater = order(5002).put("cancelled_at", "2026-10-21T09:00:00Z");
        webhook("orders/create", order(5002));
        shopifyOrders(order(5001), cancelledLater);

        SyncSummary s = sync(SHOPIFY);

        assertThat(s.differences())
                .containsEntry(DifferenceKind.ORDER, 1) // only the missed cancellation
                .containsEntry(DifferenceKind.PRODUCT, 0);
        var lines = core().inventory().sales(Optional.of(SHOPIFY.id()), Optional.empty(), Optional.empty());
        assertThat(lines).hasSize(2);
        assertThat(lines.stream().mapToInt(l -> l.netQuantity()).sum())
                .isEqualTo(2); // 5001 counted once, 5002 reversed
    }

    @Test
    void anApiSnapshotOlderThanAnAppliedWebhookChangesNothing() {
        webhook("products/create", shirt("2026-10-10T10:00:00Z", "25.00"));
        webhook("inventory_levels/update", level(1001, 9, "2026-10-10T10:00:00Z"));
        shopifyProducts(shirt("2026-10-01T10:00:00Z", "19.99")); // older than the webhook
        shopifyLevels(level(1001, 7, "2026-10-05T00:00:00Z"), level(1002, 3, "2026-10-05T00:00:00Z"));
        shopifyOrders();

        SyncSummary s = sync(SHOPIFY);

        assertThat(s.differences())
                .containsEntry(DifferenceKind.PRODUCT, 0)
                .containsEntry(DifferenceKind.STOCK, 1); // only the level edm never heard of
        VariantState small = variant(SHOPIFY, SMALL).orElseThrow();
        assertThat(small.price()).isEqualTo("25.00");
        assertThat(small.stockTotal()).isEqualTo(9);
    }

    @Test
    void aProductTheApiNoLongerHasIsDeletedAndOneItDoesNotListIsReadOnItsOwn() {
        webhook("products/create", shirt("2026-10-01T10:00:00Z", "19.99"));
        webhook("products/create", mug("2026-10-01T10:00:00Z"));
        ObjectNode cup = mug("2026-10-01T10:00:00Z").put("id", 3L).put("title", "Cup");
        ((ObjectNode) cup.get("variants").get(0))
                .put("id", 31L)
                .put("product_id", 3L)
                .put("sku", "CUP");
        webhook("products/create", cup);
        shopifyProducts(shirt("2026-10-01T10:00:00Z", "19.99"));
        shopifyLevels();
        shopifyOrders();
        api.stubFor(get(urlEqualTo(ADMIN + "/products/2.json"))
                .willReturn(aResponse().withStatus(404)));
        ObjectNode draft = cup.deepCopy().put("status", "draft").put("updated_at", "2026-10-20T10:00:00Z");
        api.stubFor(get(urlEqualTo(ADMIN + "/products/3.json"))
                .willReturn(okJson(JSON.createObjectNode().set("product", draft).toString())));

        SyncSummary s = sync(SHOPIFY);

        assertThat(s.differences()).containsEntry(DifferenceKind.PRODUCT, 2);
        assertThat(variant(SHOPIFY, "21").orElseThrow().deleted()).isTrue();
        assertThat(variant(SHOPIFY, "31")).hasValueSatisfying(v -> {
            assertThat(v.deleted()).isFalse();
            assertThat(v.status()).isEqualTo("draft");
        });
        assertThat(variant(SHOPIFY, SMALL).orElseThrow().deleted()).isFalse();
        assertThat(app.count("SELECT count(*) FROM delivery WHERE topic = 'edm/sync/product_deleted'"))
                .isEqualTo(1);
    }

    @Test
    void aStoreIsImportedOnceWhenFirstConnected() {
        shopifyProducts(shirt("2026-10-01T10:00:00Z", "19.99"));
        shopifyLevels(level(1001, 7, "2026-10-05T00:00:00Z"));
        shopifyOrders(order(5001));
        var schedule = Reconciliation.schedule(core(), reconciler());
        assertThat(shopify(schedule.runDue(Duration.ofHours(6), "test"))).isEmpty(); // not connected yet

        // its first delivery connects it: the whole store is imported once
        webhook("inventory_levels/update", level(1002, 3, "2026-10-05T00:00:00Z"));
        List<SyncSummary> imported = shopify(schedule.runDue(Duration.ofHours(6), "test"));
        assertThat(imported).singleElement().satisfies(s -> {
            assertThat(s.complete()).isTrue();
            assertThat(s.differences()).containsEntry(DifferenceKind.PRODUCT, 1).containsEntry(DifferenceKind.ORDER, 1);
        });
        processed();
        assertThat(variant(SHOPIFY, SMALL)).isPresent();
        assertThat(core().inventory().sales(Optional.of(SHOPIFY.id()), Optional.empty(), Optional.empty()))
                .hasSize(1);
        assertThat(shopify(schedule.runDue(Duration.ofHours(6), "test"))).isEmpty(); // once

        // a shop registered with its own token is imported with it
        core().stores()
                .add(
                        new StoreKey(Platform.SHOPIFY, "other-shop.myshopify.com"),
                        "Other",
                        List.of(),
                        Optional.of("shpat_other"));
        api.stubFor(get(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_other"))
                .willReturn(okJson(wrap("products").toString())));
        List<SyncSummary> other = shopify(schedule.runDue(Duration.ofHours(6), "test"));
        assertThat(other)
                .singleElement()
                .satisfies(s -> assertThat(s.store()).isEqualTo("shopify:other-shop.myshopify.com"));
        api.verify(getRequestedFor(urlEqualTo(ADMIN + "/products.json?limit=250"))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_other")));

        // after the interval, the periodic run reads it again
        clock.advance(Duration.ofHours(7));
        assertThat(shopify(schedule.runDue(Duration.ofHours(6), "test"))).hasSize(2);
    }

    @Test
    void theApiStartsARunAndListsEveryStoresLastRun() {
        shopifyProducts(mug("2026-10-02T10:00:00Z"));
        shopifyLevels(level(2001, 4, "2026-10-05T00:00:00Z"));
        shopifyOrders();

        HttpResponse<String> started = app.http().post("/api/sync/shopify?store=" + SHOP, Map.of(), new byte[0]);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.body()).contains(SHOPIFY.id());
        app.awaitCount(
                1,
                10_000,
                "SELECT count(*) FROM sync_state WHERE store = ? AND last_synced_at IS NOT NULL",
                SHOPIFY.id());
        processed();
        assertThat(variant(SHOPIFY, "21")).isPresent();
        HttpResponse<String> list = app.http().get("/api/sync");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(SHOPIFY.id(), "2 differences applied (product 1, stock 1, order 0)");

        assertThat(app.http().post("/api/sync/amazon", Map.of(), new byte[0]).statusCode())
                .isEqualTo(404);
        HttpResponse<String> noKeys =
                app.http().post("/api/sync/woocommerce?store=other.example.com", Map.of(), new byte[0]);
        assertThat(noKeys.statusCode()).isEqualTo(409);
        assertThat(noKeys.body()).contains("no API credentials");
    }

    @Test
    void aStoreBeingReadByAnotherInstanceIsLeftToIt() {
        shopifyProducts(mug("2026-10-02T10:00:00Z"));
        shopifyLevels();
        shopifyOrders();
        var schedule = Reconciliation.schedule(core(), reconciler());
        core().database()
                .transaction(c -> dev.edm.storage.Leases.tryAcquire(
                        c, "sync:" + SHOPIFY.id(), "another-instance", clock.millis(), 60_000));

        assertThat(schedule.runNow(SHOPIFY, "this-instance")).isEmpty();
        api.verify(0, getRequestedFor(urlPathEqualTo(ADMIN + "/products.json")));

        clock.advance(Duration.ofMinutes(2)); // the other instance died: its lease expires
        assertThat(schedule.runNow(SHOPIFY, "this-instance"))
                .hasValueSatisfying(s -> assertThat(s.differences()).containsEntry(DifferenceKind.PRODUCT, 1));
    }

    static List<SyncSummary> shopify(List<SyncSummary> all) {
        return all.stream().filter(s -> s.store().startsWith("shopify:")).toList();
    }

    // ---- WooCommerce ----

    static ObjectNode wooSimple(long id, String sku, int stock) {
        ObjectNode p = fixture("woocommerce/product.rest_v3_example.json");
        p.put("id", id).put("type", "simple").put("sku", sku).put("price", "21.99");
        p.put("manage_stock", true).put("stock_quantity", stock).putArray("variations");
        return p;
    }

    static ObjectNode wooVariable(long id, long... variations) {
        ObjectNode p = fixture("woocommerce/product.rest_v3_example.json");
        p.put("id", id).put("type", "variable");
        ArrayNode ids = p.putArray("variations");
        for (long v : variations) {
            ids.add(v);
        }
        return p;
    }

    /** A variation as GET products/{id}/variations lists it (no type, no parent, no name in older versions). */
    static ObjectNode wooVariation(long id, String sku, int stock) {
        ObjectNode v = JSON.createObjectNode();
        v.put("id", id).put("sku", sku).put("price", "9.00").put("status", "publish");
        v.put("manage_stock", true).put("stock_quantity", stock).put("stock_status", "instock");
        v.put("date_modified_gmt", "2026-10-01T10:00:00");
        return v;
    }

    void wooStubs() {
        String products = "/wp-json/wc/v3/products";
        api.stubFor(get(urlEqualTo(products + "?per_page=100&page=1"))
                .withHeader("Authorization", equalTo("Basic Y2tfdGVzdDpjc190ZXN0")) // ck_test:cs_test
                .willReturn(okJson(JSON.createArrayNode()
                                .add(wooSimple(93, "WOO-93", 5))
                                .toString())
                        .withHeader("X-WP-TotalPages", "2")
                        .withHeader("X-WP-Total", "2")));
        api.stubFor(get(urlEqualTo(products + "?per_page=100&page=2"))
                .willReturn(
                        okJson(JSON.createArrayNode().add(wooVariable(22, 23)).toString())
                                .withHeader("X-WP-TotalPages", "2")));
        api.stubFor(get(urlEqualTo(products + "/22/variations?per_page=100&page=1"))
                .willReturn(okJson(JSON.createArrayNode()
                                .add(wooVariation(23, "Bar3", 2))
                                .toString())
                        .withHeader("X-WP-TotalPages", "1")));
        api.stubFor(get(urlPathEqualTo("/wp-json/wc/v3/orders"))
                .willReturn(okJson(JSON.createArrayNode()
                                .add(fixture("woocommerce/order.rest_v3_example.json"))
                                .toString())
                        .withHeader("X-WP-TotalPages", "1")));
    }

    @Test
    void wooCommerceProductsVariationsAndOrdersAreReconciled() {
        StoreKey woo = new StoreKey(Platform.WOOCOMMERCE, WOO_HOST);
        wooStubs();

        SyncSummary first = sync(woo);

        assertThat(first.complete()).as(first.line()).isTrue();
        assertThat(first.pages()).isEqualTo(4);
        assertThat(first.products()).isEqualTo(3);
        // 93 and variation 23; the list of 22's variations alone changes nothing
        assertThat(first.differences()).containsEntry(DifferenceKind.PRODUCT, 2).containsEntry(DifferenceKind.ORDER, 1);
        assertThat(variant(woo, "93"))
                .hasValueSatisfying(v -> assertThat(v.stockTotal()).isEqualTo(5));
        assertThat(variant(woo, "23")).hasValueSatisfying(v -> {
            assertThat(v.productId()).isEqualTo("22");
            assertThat(v.stockTotal()).isEqualTo(2);
        });
        assertThat(core().inventory().sales(Optional.of(woo.id()), Optional.empty(), Optional.empty()))
                .hasSize(2);
        api.verify(getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/orders"))
                .withQueryParam("after", equalTo("2026-08-03T12:00:00Z")));

        SyncSummary second = sync(woo);
        assertThat(second.missed()).as(second.line()).isZero();
        assertThat(syncDeliveries(woo)).isEqualTo(3);
    }

    @Test
    void wooCommerceKeysGoInTheQueryWhenConfigured() {
        app.close();
        Map<String, String> query = new java.util.HashMap<>(env());
        query.put("WOOCOMMERCE_AUTH_QUERY", "true");
        app = RunningApp.start(dir.resolve("query"), databaseUrl(), query, clock);
        StoreKey woo = new StoreKey(Platform.WOOCOMMERCE, WOO_HOST);
        api.stubFor(get(urlPathEqualTo("/wp-json/wc/v3/products"))
                .withQueryParam("consumer_key", equalTo("ck_test"))
                .withQueryParam("consumer_secret", equalTo("cs_test"))
                .willReturn(okJson(JSON.createArrayNode()
                                .add(wooSimple(93, "WOO-93", 5))
                                .toString())
                        .withHeader("X-WP-TotalPages", "1")));
        api.stubFor(get(urlPathEqualTo("/wp-json/wc/v3/orders"))
                .withQueryParam("consumer_key", equalTo("ck_test"))
                .willReturn(okJson("[]")));

        SyncSummary s = sync(woo);

        assertThat(s.complete()).as(s.line()).isTrue();
        assertThat(s.differences()).containsEntry(DifferenceKind.PRODUCT, 1);
        api.verify(
                0,
                getRequestedFor(urlPathEqualTo("/wp-json/wc/v3/products"))
                        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
    }

    // ---- BigCommerce ----

    @Test
    void bigCommerceCatalogAndOrdersAreReconciledWithTheFetcherClient() {
        StoreKey bc = new StoreKey(Platform.BIGCOMMERCE, BC_HASH);
        String base = "/stores/" + BC_HASH;
        ObjectNode page = JSON.createObjectNode();
        page.putArray("data").add(fixture("bigcommerce/api/product_167.json").get("data"));
        page.putObject("meta").putObject("pagination").put("total_pages", 1);
        api.stubFor(get(urlEqualTo(base + "/v3/catalog/products?include=variants&limit=250&page=1"))
                .withHeader("X-Auth-Token", equalTo("bc-token"))
                .willReturn(okJson(page.toString())));
        api.stubFor(get(urlPathEqualTo(base + "/v2/orders"))
                .willReturn(okJson(JSON.createArrayNode()
                        .add(fixture("bigcommerce/api/order_250.json"))
                        .toString())));
        api.stubFor(get(urlEqualTo(base + "/v2/orders/250"))
                .willReturn(okJson(fixture("bigcommerce/api/order_250.json").toString())));
        api.stubFor(get(urlEqualTo(base + "/v2/orders/250/products?limit=250&page=1"))
                .willReturn(okJson(resourceText("bigcommerce/api/order_250_products.json"))));

        SyncSummary first = sync(bc);

        assertThat(first.complete()).as(first.line()).isTrue();
        assertThat(first.differences()).containsEntry(DifferenceKind.PRODUCT, 1).containsEntry(DifferenceKind.ORDER, 1);
        assertThat(variant(bc, "382"))
                .hasValueSatisfying(v -> assertThat(v.sku()).isNotBlank());
        assertThat(core().inventory().sales(Optional.of(bc.id()), Optional.empty(), Optional.empty()))
                .singleElement()
                .satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
        assertThat(differences("bigcommerce", DifferenceKind.ORDER)).isEqualTo(1.0);

        SyncSummary second = sync(bc);
        assertThat(second.missed()).as(second.line()).isZero();
        assertThat(syncDeliveries(bc)).isEqualTo(2);
    }

    static String resourceText(String path) {
        try (InputStream in = ReconciliationContract.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

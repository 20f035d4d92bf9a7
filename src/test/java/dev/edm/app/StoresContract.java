package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.config.ConfigLoader;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.stores.RegisteredStore;
import dev.edm.stores.SkuMap;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import dev.edm.testing.WooCommerceRequests;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores configured once (the registry, its secrets honoured by a running server) and one SKU across channels
 * (mapping, the cross-channel view, alert text, replay). One subclass per database.
 */
abstract class StoresContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGISTRY_SHOP = "registry-a.myshopify.com";
    static final String ENV_SHOP = "registry-b.myshopify.com";
    static final String SKU_SHOP = "sku-shop.myshopify.com";
    static final String SKU_SHOP_SECRET = "sku-shop-secret";
    static final String WOO_SECRET = "stores-woo-secret";
    static final String WOO_SOURCE = "https://stores-woo.example.com/";
    static final String WOO_STORE = "woocommerce:stores-woo.example.com";

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(
                dir,
                databaseUrl,
                Map.of(
                        "SHOPIFY_SECRETS",
                        SKU_SHOP + ":" + SKU_SHOP_SECRET,
                        "WOOCOMMERCE_WEBHOOK_SECRET",
                        WOO_SECRET,
                        "REGISTRY_B_SECRET",
                        "secret-from-env"),
                clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** Another process's view of the same database, as {@code edm stores add} has. */
    Core otherProcess() {
        return Core.open(app.config(), clock);
    }

    static String product(long id, String sku, int quantity) {
        return "{\"id\":" + id + ",\"title\":\"Mug\",\"status\":\"active\",\"updated_at\":\"2026-11-01T10:00:00Z\","
                + "\"variants\":[{\"id\":" + id + "1,\"title\":\"Blue\",\"sku\":\"" + sku + "\","
                + "\"inventory_item_id\":" + id + "2,\"inventory_quantity\":" + quantity + ",\"price\":\"9.50\"}]}";
    }

    HttpResponse<String> shopify(String secret, String shop, String id, String body) {
        return app.http().signed(secret, "products/create", shop, id, body);
    }

    static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.get()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    void processed() {
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    @Test
    void aStoreAddedWhileTheServerRunsIsVerifiedWithItsRegistrySecretWhichIsEncryptedAtRest() throws Exception {
        HttpResponse<String> before = shopify("registry-secret", REGISTRY_SHOP, "r0", product(1, "REG-1", 9));
        assertThat(before.statusCode()).as(before.body()).isEqualTo(503);
        assertThat(before.body()).contains("\"error\"");

        try (Core cli = otherProcess()) {
            assertThat(cli.stores()
                            .add(
                                    new StoreKey(Platform.SHOPIFY, REGISTRY_SHOP),
                                    "Shop A",
                                    List.of("registry-secret"),
                                    Optional.empty()))
                    .isTrue();
            cli.stores()
                    .add(
                            new StoreKey(Platform.SHOPIFY, ENV_SHOP),
                            "Shop B",
                            List.of("env:REGISTRY_B_SECRET"),
                            Optional.empty());
        }
        eventually(
                () -> shopify("registry-secret", REGISTRY_SHOP, "r1", product(1, "REG-1", 9))
                                .statusCode()
                        == 200,
                "the running server accepts the registry secret");
        assertThat(shopify("not-the-secret", REGISTRY_SHOP, "r2", product(1, "REG-1", 9))
                        .statusCode())
                .isEqualTo(401);
        assertThat(shopify("secret-from-env", ENV_SHOP, "b1", product(2, "REG-2", 9))
                        .statusCode())
                .as("env:NAME resolves against the environment")
                .isEqualTo(200);
        assertThat(shopify("registry-secret", ENV_SHOP, "b2", product(2, "REG-2", 9))
                        .statusCode())
                .as("one store's secret does not sign for another")
                .isEqualTo(401);
        processed();

        String stored = app.text("SELECT secrets FROM store_registry WHERE store = ?", "shopify:" + REGISTRY_SHOP);
        assertThat(stored).startsWith("enc:v1:").doesNotContain("registry-secret");
        assertThat(app.text("SELECT secrets FROM store_registry WHERE store = ?", "shopify:" + ENV_SHOP))
                .isEqualTo("env:REGISTRY_B_SECRET");
        Path keyFile = dir.resolve("data").resolve("secret.key");
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        List<RegisteredStore> listed = app.app().core().stores().list();
        assertThat(listed).hasSize(2);
        RegisteredStore a = listed.get(0);
        assertThat(a.key().id()).isEqualTo("shopify:" + REGISTRY_SHOP);
        assertThat(a.name()).isEqualTo("Shop A");
        assertThat(a.secretSource()).isEqualTo("encrypted (1)");
        assertThat(a.tokenSource()).isEqualTo("none");
        assertThat(a.lastDelivery()).isPresent();
        assertThat(a.status()).isEqualTo("connected");
        assertThat(listed.get(1).secretSource()).isEqualTo("env:REGISTRY_B_SECRET");
        assertThat(listed.toString()).doesNotContain("registry-secret").doesNotContain("secret-from-env");

        try (Core cli = otherProcess()) {
            assertThat(cli.stores().remove(new StoreKey(Platform.SHOPIFY, REGISTRY_SHOP)))
                    .isTrue();
        }
        eventually(
                () -> shopify("registry-secret", REGISTRY_SHOP, "r3", product(1, "REG-1", 9))
                                .statusCode()
                        == 503,
                "a removed store's secret is no longer accepted");
        assertThat(app.count("SELECT count(*) FROM variant WHERE store = ?", "shopify:" + REGISTRY_SHOP))
                .as("removing the entry keeps the store's history")
                .isEqualTo(1);
    }

    @Test
    void aSkuSoldOnTwoChannelsIsOneProductLiveAndOnReplay() throws Exception {
        app.app().core().skuMap().map(List.of(new SkuMap.Mapping(StoreKey.parse(WOO_STORE), "WOO-MUG", "MUG-B")));

        ObjectNode woo = (ObjectNode) JSON.readTree(WooCommerceRequests.fixture("product.rest_v3_example.json"));
        woo.put("id", 93).put("type", "simple").put("sku", "WOO-MUG").put("price", "21.99");
        woo.put("manage_stock", true).put("stock_quantity", 4).put("stock_status", "instock");
        woo.put("date_modified_gmt", "2026-11-01T09:00:00");
        postWoo("product.created", woo);
        assertThat(shopify(SKU_SHOP_SECRET, SKU_SHOP, "s1", product(5, "MUG-B", 3))
                        .statusCode())
                .isEqualTo(200);
        processed();
        ObjectNode order = (ObjectNode) JSON.readTree(WooCommerceRequests.fixture("order.rest_v3_example.json"));
        ((ObjectNode) order.get("line_items").get(0)).put("sku", "WOO-MUG");
        postWoo("order.created", order);

        assertThat(app.app()
                        .core()
                        .inventory()
                        .variant(WOO_STORE, "93")
                        .orElseThrow()
                        .sku())
                .isEqualTo("MUG-B");
        assertThat(app.text("SELECT sku FROM sale_line WHERE store = ? AND line_id = '315'", WOO_STORE))
                .isEqualTo("MUG-B");

        JsonNode skus = JSON.readTree(app.http().get("/api/skus?sku=MUG-B").body());
        assertThat(skus.path("count").asInt()).isEqualTo(1);
        JsonNode row = skus.path("skus").get(0);
        assertThat(row.path("total_available").asInt()).isEqualTo(7);
        assertThat(row.path("channels")).hasSize(2);
        assertThat(row.path("channels").get(0).path("store").asText()).isEqualTo("shopify:" + SKU_SHOP);
        assertThat(row.path("channels").get(0).path("available").asInt()).isEqualTo(3);
        assertThat(row.path("channels").get(1).path("store").asText()).isEqualTo(WOO_STORE);
        assertThat(row.path("channels").get(1).path("available").asInt()).isEqualTo(4);
        assertThat(row.path("last_sale").isNull()).isFalse();
        assertThat(row.path("channels").get(1).path("last_sale").asText())
                .isEqualTo(row.path("last_sale").asText());

        Table report = app.app().core().reports().build("skus", Reports.Filter.none());
        assertThat(report.rows()).hasSize(1);
        assertThat(report.rows().get(0))
                .containsExactly(
                        "MUG-B",
                        "Mug - Blue",
                        7,
                        2,
                        "shopify:" + SKU_SHOP + "=3; " + WOO_STORE + "=4",
                        row.path("last_sale").asText());
        assertThat(app.http().get("/reports/skus.csv").body()).contains("MUG-B").contains(WOO_STORE + "=4");

        List<Alert> low = app.app()
                .core()
                .alerts()
                .list(Optional.of("open"), Optional.of(Rule.LOW_STOCK), Optional.of("shopify:" + SKU_SHOP), 10);
        assertThat(low).hasSize(1);
        assertThat(low.get(0).reason())
                .isEqualTo("low stock: 3 available <= threshold 5; other channels: " + WOO_STORE + " 4");

        String live = app.app().core().inventory().checksum();
        app.close();
        app = null;
        try (Core core = Core.open(
                ConfigLoader.load(Map.of(
                        "EDM_DATA_DIR", dir.resolve("data").toString(),
                        "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                        "EDM_LOG_DIR", dir.resolve("logs").toString(),
                        "EDM_DATABASE_URL", databaseUrl == null ? "" : databaseUrl)),
                clock)) {
            core.replay(Optional.empty());
            assertThat(core.inventory().checksum())
                    .as("replay applies the mapping as live did")
                    .isEqualTo(live);
            assertThat(core.inventory().variant(WOO_STORE, "93").orElseThrow().sku())
                    .isEqualTo("MUG-B");
        }
    }

    void postWoo(String topic, JsonNode body) {
        HttpResponse<String> res = WooCommerceRequests.post(
                app.http(), WOO_SECRET, topic, WOO_SOURCE, WooCommerceRequests.deliveryId(), body.toString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        processed();
    }
}

package dev.edm.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm sync} as users run it: a separate process against a stubbed Shopify Admin API. */
class SyncCliIT {
    static final String SHOP = "cli-sync.myshopify.com";
    static final String ADMIN = "/admin/api/2025-10";

    @TempDir
    Path dir;

    WireMockServer api;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    CliRun edm(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ChildEdm.isolatedEnv(dir, "cli-secret"));
        env.put("SHOPIFY_TOKEN", "shpat_cli");
        env.put("EDM_SHOPIFY_API_BASE", api.baseUrl());
        Process p = ChildEdm.run(dir, env, args);
        return CliRun.of(p);
    }

    @Test
    void syncPrintsWhatItReadAndAppliedAndASecondRunFindsNothing() throws Exception {
        String product = "{\"id\":1,\"title\":\"Mug\",\"status\":\"active\",\"updated_at\":\"2026-01-01T00:00:00Z\","
                + "\"variants\":[{\"id\":11,\"title\":\"Blue\",\"sku\":\"MUG-B\",\"inventory_item_id\":111,"
                + "\"inventory_quantity\":8,\"price\":\"9.50\"}]}";
        String level = "{\"inventory_item_id\":111,\"location_id\":9,\"available\":8,"
                + "\"updated_at\":\"2026-01-02T00:00:00Z\"}";
        String order = "{\"id\":77,\"currency\":\"EUR\",\"created_at\":\"2026-01-03T00:00:00Z\","
                + "\"processed_at\":\"2026-01-03T00:00:00Z\",\"cancelled_at\":null,\"refunds\":[],"
                + "\"line_items\":[{\"id\":771,\"variant_id\":11,\"sku\":\"MUG-B\",\"quantity\":1,\"price\":\"9.50\"}]}";
        api.stubFor(
                get(urlPathEqualTo(ADMIN + "/products.json")).willReturn(okJson("{\"products\":[" + product + "]}")));
        api.stubFor(get(urlPathEqualTo(ADMIN + "/inventory_levels.json"))
                .willReturn(okJson("{\"inventory_levels\":[" + level + "]}")));
        api.stubFor(get(urlPathEqualTo(ADMIN + "/orders.json")).willReturn(okJson("{\"orders\":[" + order + "]}")));

        CliRun first = edm("sync", "shopify", "--store", SHOP, "--orders-days", "3650");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("shopify:" + SHOP + ": 3 pages, 1 products, 1 stock levels, 1 orders read; "
                        + "3 differences applied (product 1, stock 1, order 1)")
                .contains("3 pending deliveries processed");

        CliRun second = edm("sync", "shopify", "--store", SHOP);
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("0 differences applied");

        CliRun report = edm(
                "report",
                "sales",
                "--format",
                "csv",
                "--out",
                dir.resolve("sales.csv").toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(java.nio.file.Files.readString(dir.resolve("sales.csv"))).contains("MUG-B");

        assertThat(edm("sync", "amazon").exit()).isEqualTo(2);
        assertThat(edm("sync", "shopify", "--since", "yesterday").exit()).isEqualTo(2);
        CliRun noStore = edm("sync", "woocommerce");
        assertThat(noStore.exit()).isEqualTo(1);
        assertThat(noStore.err()).contains("no woocommerce store with API credentials");
    }
}

package dev.edm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Receiver behaviour that depends on configuration: debug mode, missing secret, verification rate limit. */
class ShopifyWebhookModesIT {
    static final String SHOP = "shop1.myshopify.io";

    @TempDir
    Path dir;

    @Test
    void debugModeAcceptsUnsignedDeliveriesMarkedAsUnsignedButStillRejectsWrongSignatures() {
        try (RunningApp app =
                RunningApp.start(dir, null, Map.of("DEBUG_MODE", "true", "SHOPIFY_WEBHOOK_SECRET", "s"))) {
            String unsigned = UUID.randomUUID().toString();
            assertThat(app.http()
                            .signed(null, "orders/create", SHOP, unsigned, "{}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(app.count("SELECT signed FROM delivery WHERE webhook_id = ?", unsigned))
                    .isZero();

            String wrong = UUID.randomUUID().toString();
            assertThat(app.http()
                            .signed("other", "orders/create", SHOP, wrong, "{}")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", wrong))
                    .isZero();
        }
    }

    @Test
    void withoutAnySecretSignedDeliveriesGet503SoShopifyRetriesLater() {
        try (RunningApp app = RunningApp.start(dir, null, Map.of())) {
            String id = UUID.randomUUID().toString();
            HttpResponse<String> res = app.http().signed("whatever", "orders/create", SHOP, id, "{}");
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("SHOPIFY_WEBHOOK_SECRET");
            assertThat(app.count("SELECT count(*) FROM delivery")).isZero();
        }
    }

    @Test
    void failedVerificationsAreRateLimitedButSignedDeliveriesNeverAre() {
        try (RunningApp app = RunningApp.start(
                dir, null, Map.of("SHOPIFY_WEBHOOK_SECRET", "s", "EDM_VERIFY_FAILURES_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(app.http()
                                .signed(
                                        "bad",
                                        "orders/create",
                                        SHOP,
                                        UUID.randomUUID().toString(),
                                        "{}")
                                .statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> limited = app.http()
                    .signed("bad", "orders/create", SHOP, UUID.randomUUID().toString(), "{}");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));

            HttpResponse<String> unsigned = app.http()
                    .signed(null, "orders/create", SHOP, UUID.randomUUID().toString(), "{}");
            assertThat(unsigned.statusCode()).isEqualTo(429);

            for (int i = 0; i < 20; i++) {
                String id = UUID.randomUUID().toString();
                assertThat(app.http()
                                .signed("s", "orders/create", SHOP, id, "{\"n\":" + i + "}")
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(app.count("SELECT count(*) FROM delivery")).isEqualTo(20);
            assertThat(app.http().get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFullDiskAnswers503AndKeepsServingWhatFits() {
        // max_page_count caps the SQLite file, which then fails exactly like a full disk (SQLITE_FULL);
        // the cap leaves room for the schema, which grows with every migration
        String url = "jdbc:sqlite:" + dir.resolve("full.db") + "?max_page_count=60";
        try (RunningApp app = RunningApp.start(dir, url, Map.of("SHOPIFY_WEBHOOK_SECRET", "s"))) {
            String filler = "x".repeat(8_000);
            int accepted = 0;
            HttpResponse<String> res = null;
            for (int i = 0; i < 100; i++) {
                res = app.http().signed("s", "orders/create", SHOP, "full-" + i, "{\"note\":\"" + filler + "\"}");
                if (res.statusCode() != 200) {
                    break;
                }
                accepted++;
            }
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("storage unavailable");
            assertThat(res.headers().firstValue("Retry-After")).isPresent();
            assertThat(accepted).isPositive();
            assertThat(app.count("SELECT count(*) FROM delivery")).isEqualTo(accepted);
            assertThat(app.http().get("/health").statusCode()).isIn(200, 503);
            // small deliveries may still fit in free pages; the server keeps answering either way
            assertThat(app.http()
                            .signed("s", "orders/create", SHOP, "small", "{}")
                            .statusCode())
                    .isIn(200, 503);
        }
    }

    @Test
    void theOriginalToolsSimplifiedFormatStillWorksWithoutATopicHeader() {
        try (RunningApp app = RunningApp.start(dir, null, Map.of("DEBUG_MODE", "true"))) {
            byte[] simple = "{\"products\":[{\"id\":123,\"title\":\"Test Product\",\"inventory_quantity\":3}]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> res =
                    app.http().post("/webhook/shopify", Map.of("Content-Type", "application/json"), simple);
            assertThat(res.statusCode()).isEqualTo(200);
            byte[] variants = ("{\"products\":[{\"id\":\"200\",\"title\":\"Mug\",\"variants\":["
                            + "{\"id\":201,\"title\":\"Blue\",\"inventory_quantity\":\"0\"},"
                            + "{\"id\":202,\"title\":\"Red\",\"inventory_quantity\":40}]}]}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(app.http()
                            .post("/webhook/shopify", Map.of("Content-Type", "application/json"), variants)
                            .statusCode())
                    .isEqualTo(200);
            app.awaitCount(0, 5_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");

            var inventory = app.app().core().inventory();
            assertThat(inventory.variant("shopify:default", "123").orElseThrow().stockTotal())
                    .isEqualTo(3);
            assertThat(inventory.variant("shopify:default", "123").orElseThrow().title())
                    .isEqualTo("Test Product");
            assertThat(inventory.variant("shopify:default", "201").orElseThrow().title())
                    .isEqualTo("Mug - Blue");
            assertThat(inventory.variant("shopify:default", "201").orElseThrow().stockTotal())
                    .isZero();
            assertThat(app.count("SELECT count(*) FROM alert WHERE status = 'open' AND rule = 'low_stock'"))
                    .isEqualTo(2);
            assertThat(app.count("SELECT count(*) FROM alert WHERE status = 'open' AND rule = 'out_of_stock'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theSimplifiedFormatNeedsASignatureOutsideDebugMode() {
        try (RunningApp app = RunningApp.start(dir, null, Map.of("SHOPIFY_WEBHOOK_SECRET", "s"))) {
            byte[] simple = "{\"products\":[{\"id\":123,\"title\":\"Test Product\",\"inventory_quantity\":3}]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(app.http()
                            .post("/webhook/shopify", Map.of("Content-Type", "application/json"), simple)
                            .statusCode())
                    .isEqualTo(401);
            Map<String, String> signed = Map.of(
                    "Content-Type", "application/json",
                    "X-Shopify-Hmac-Sha256", dev.edm.testing.ShopifyRequests.hmac("s", simple),
                    "X-Shopify-Shop-Domain", "legacy.myshopify.com");
            assertThat(app.http().post("/webhook/shopify", signed, simple).statusCode())
                    .isEqualTo(200);
            app.awaitCount(0, 5_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
            assertThat(app.app().core().inventory().variant("shopify:legacy.myshopify.com", "123"))
                    .isPresent();
        }
    }
}

package dev.edm.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.RunningApp;
import dev.edm.testing.WooCommerceRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WooCommerce receiver behaviour that depends on configuration: debug mode, no secret at all. */
class WooCommerceWebhookModesIT {
    static final String SOURCE = "https://shop.example.com/";

    @TempDir
    Path dir;

    @Test
    void debugModeAcceptsUnsignedDeliveriesMarkedAsUnsignedButStillRejectsWrongSignatures() {
        try (RunningApp app =
                RunningApp.start(dir, null, Map.of("DEBUG_MODE", "true", "WOOCOMMERCE_WEBHOOK_SECRET", "s"))) {
            String unsigned = WooCommerceRequests.deliveryId();
            assertThat(WooCommerceRequests.post(app.http(), null, "product.updated", SOURCE, unsigned, "{}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(app.count("SELECT signed FROM delivery WHERE event_id = ?", unsigned))
                    .isZero();

            String wrong = WooCommerceRequests.deliveryId();
            assertThat(WooCommerceRequests.post(app.http(), "other", "product.updated", SOURCE, wrong, "{}")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(app.count("SELECT count(*) FROM delivery WHERE event_id = ?", wrong))
                    .isZero();
        }
    }

    @Test
    void withoutAnySecretSignedDeliveriesGet503ButThePingStillSucceeds() {
        try (RunningApp app = RunningApp.start(dir, null, Map.of())) {
            HttpResponse<String> res = WooCommerceRequests.post(
                    app.http(), "whatever", "product.updated", SOURCE, WooCommerceRequests.deliveryId(), "{}");
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("WOOCOMMERCE_WEBHOOK_SECRET");

            assertThat(WooCommerceRequests.ping(
                                    app.http(), "webhook_id=7".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(app.count("SELECT count(*) FROM delivery")).isZero();
        }
    }
}

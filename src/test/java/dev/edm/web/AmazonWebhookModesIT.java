package dev.edm.web;

import static dev.edm.testing.AmazonFixtures.freshId;
import static dev.edm.testing.AmazonFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Amazon receiver without a configured secret, and in debug mode. */
class AmazonWebhookModesIT {
    @TempDir
    Path dir;

    static HttpResponse<String> post(RunningApp app, Map<String, String> headers, ObjectNode body) {
        return app.http().post("/webhook/amazon", headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutASecretAPresentedSecretIs503AndAMissingOneIs401() {
        try (RunningApp app = RunningApp.start(dir, null, Map.of())) {
            ObjectNode n = notification("ORDER_CHANGE");
            freshId(n);
            HttpResponse<String> res =
                    post(app, Map.of("Content-Type", "application/json", "x-auth-token", "anything"), n);
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("EDM_AMAZON_FORWARD_SECRET");
            assertThat(post(app, Map.of("Content-Type", "application/json"), n).statusCode())
                    .isEqualTo(401);
            assertThat(app.count("SELECT count(*) FROM delivery")).isZero();
        }
    }

    @Test
    void debugModeAcceptsAnUnsignedDeliveryMarkedUnsignedButStillRefusesAWrongSecret() {
        try (RunningApp app =
                RunningApp.start(dir, null, Map.of("DEBUG_MODE", "true", "EDM_AMAZON_FORWARD_SECRET", "s"))) {
            ObjectNode unsigned = notification("ORDER_CHANGE");
            String id = freshId(unsigned);
            assertThat(post(app, Map.of("Content-Type", "application/json"), unsigned)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(app.count("SELECT signed FROM delivery WHERE webhook_id = ?", id))
                    .isZero();

            ObjectNode wrong = notification("ORDER_CHANGE");
            String wrongId = freshId(wrong);
            assertThat(post(app, Map.of("Content-Type", "application/json", "x-api-key", "other"), wrong)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", wrongId))
                    .isZero();
        }
    }
}

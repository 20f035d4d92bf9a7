package dev.edm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.edm.alerts.Alert;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.Rule;
import dev.edm.storage.Session;
import dev.edm.testing.Await;
import dev.edm.testing.RunningApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server's worker delivers the outbox; {@code /api/notifications} shows it and resends dead letters. */
class NotificationsRoutesIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    WireMockServer hook;
    RunningApp app;

    @BeforeEach
    void start() {
        hook = new WireMockServer(wireMockConfig().dynamicPort());
        hook.start();
        hook.stubFor(post("/hook").willReturn(aResponse().withStatus(410).withBody("gone")));
        app = RunningApp.start(dir, null, Map.of("EDM_WEBHOOK_URLS", hook.baseUrl() + "/hook"));
    }

    @AfterEach
    void stop() {
        app.close();
        hook.stop();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = app.http().get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    HttpResponse<String> postEmpty(String path) {
        return dev.edm.testing.ShopifyRequests.send(
                HttpRequest.newBuilder(URI.create(app.http().baseUrl() + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    @Test
    void aDeadLetterIsListedAndResentThroughTheApi() throws Exception {
        Instant now = Instant.now();
        Alert alert = new Alert(
                1,
                Rule.OUT_OF_STOCK,
                "critical",
                "shopify:a.myshopify.com",
                "v1",
                "",
                "SKU-1",
                "Mug",
                "open",
                now,
                null,
                "out of stock",
                null,
                0,
                5,
                "firing",
                null,
                null,
                null,
                null);
        var notifications = app.app().core().notifications();
        app.app().core().database().transaction(c -> {
            try (Session s = new Session(c)) {
                notifications.sink().accept(s, new AlertNotice(AlertNotice.Kind.FIRING, alert, now));
            }
            return null;
        });
        Await.count(
                1,
                10_000,
                () -> unchecked(() -> get("/api/notifications?status=dead"))
                        .path("count")
                        .asLong(),
                "dead letters");
        JsonNode dead =
                get("/api/notifications?status=dead").path("notifications").get(0);
        assertThat(dead.path("last_error").asText()).contains("HTTP 410").contains("gone");
        assertThat(dead.path("channel").asText()).isEqualTo("webhook");

        hook.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        HttpResponse<String> resent =
                postEmpty("/api/notifications/" + dead.path("id").asLong() + "/resend");
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        Await.count(
                1,
                10_000,
                () -> unchecked(() -> get("/api/notifications?status=sent"))
                        .path("count")
                        .asLong(),
                "sent messages");
        assertThat(hook.getAllServeEvents()).hasSize(2);

        assertThat(postEmpty("/api/notifications/" + dead.path("id").asLong() + "/resend")
                        .statusCode())
                .isEqualTo(200); // a sent message may be sent again on purpose
        assertThat(postEmpty("/api/notifications/999/resend").statusCode()).isEqualTo(404);
        assertThat(postEmpty("/api/notifications/x/resend").statusCode()).isEqualTo(400);
        HttpResponse<String> bad = app.http().get("/api/notifications?status=lost");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("status must be one of");
    }

    private static <T> T unchecked(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

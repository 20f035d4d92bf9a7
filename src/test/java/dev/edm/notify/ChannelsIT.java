package dev.edm.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edm.alerts.Rule;
import dev.edm.config.DatabaseSettings;
import dev.edm.config.NotifySettings;
import dev.edm.storage.Database;
import dev.edm.testing.MutableClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack (Block Kit), Twilio SMS and the test message's error reports, against WireMock peers. */
class ChannelsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    WireMockServer peer;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    Notifications n;

    @BeforeEach
    void start() throws Exception {
        peer = new WireMockServer(wireMockConfig().dynamicPort());
        peer.start();
        peer.stubFor(post("/slack").willReturn(aResponse().withStatus(200).withBody("ok")));
        peer.stubFor(post("/2010-04-01/Accounts/AC123/Messages.json")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
        db = Database.open(
                new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null));
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                receivers:
                  - name: oncall
                    sms: ["+15550001111", "+15550002222"]
                  - name: shop-channel
                    slack: %s/slack
                routes:
                  - receivers: [oncall, shop-channel]
                """.formatted(peer.baseUrl()));
        n = Notifications.open(
                db,
                clock,
                Notices.noEmail(),
                Notices.settings(
                        Optional.of(routes),
                        List.of(),
                        10,
                        "hourly",
                        Optional.of(new NotifySettings.Twilio("AC123", "tok", "+15559990000")),
                        peer.baseUrl()));
    }

    @AfterEach
    void stop() {
        peer.stop();
        db.close();
    }

    @Test
    void aCriticalAlertTextsEveryNumberThroughTwilioAndPostsBlocksToSlack() throws Exception {
        Notices.accept(db, n, List.of(Notices.firing(1, Rule.OUT_OF_STOCK, "SKU-1", 0, clock.instant())));
        assertThat(n.deliverDue()).isEqualTo(3);

        List<LoggedRequest> sms = peer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                        "/2010-04-01/Accounts/AC123/Messages.json")));
        assertThat(sms).hasSize(2);
        assertThat(sms.get(0).getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("AC123:tok".getBytes(StandardCharsets.UTF_8)));
        assertThat(sms.stream().map(r -> form(r.getBodyAsString()).get("To")))
                .containsExactlyInAnyOrder("+15550001111", "+15550002222");
        Map<String, String> first = form(sms.get(0).getBodyAsString());
        assertThat(first.get("From")).isEqualTo("+15559990000");
        assertThat(first.get("Body"))
                .isEqualTo("edm: CRITICAL out of stock SKU-1 (shopify:shop-a.myshopify.com) 0 left");

        JsonNode slack = JSON.readTree(peer.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/slack")))
                .get(0)
                .getBodyAsString());
        assertThat(slack.get("text").asText())
                .isEqualTo("[edm] CRITICAL out of stock: SKU-1 (shopify:shop-a.myshopify.com)");
        assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.get("blocks").get(1).get("text").get("text").asText()).contains("SKU-1");
    }

    @Test
    void smsIsForCriticalAlertsOnlyAndSlackGetsTheHourlyDigest() {
        Notices.accept(db, n, List.of(Notices.firing(2, Rule.LOW_STOCK, "SKU-2", 3, clock.instant())));
        assertThat(n.list(Optional.empty(), 10)).singleElement().satisfies(r -> {
            assertThat(r.receiver()).isEqualTo("shop-channel");
            assertThat(r.status()).isEqualTo("held");
            assertThat(Instant.ofEpochMilli(r.nextAttemptAt())).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        });
        clock.set(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(n.deliverDue()).isEqualTo(1);
        assertThat(peer.getAllServeEvents())
                .singleElement()
                .satisfies(e -> assertThat(e.getRequest().getUrl()).isEqualTo("/slack"));
    }

    @Test
    void aTestMessageSaysTheHttpStatusAndBodyOrTheDnsFailure() {
        peer.stubFor(post("/slack").willReturn(aResponse().withStatus(404).withBody("no_service")));
        Notifications.TestResult slack = n.test(ChannelKind.SLACK, Optional.empty());
        assertThat(slack.ok()).isFalse();
        assertThat(slack.detail()).isEqualTo("HTTP 404 from localhost:" + peer.port() + ": no_service");

        peer.stubFor(post("/2010-04-01/Accounts/AC123/Messages.json")
                .willReturn(aResponse().withStatus(401).withBody("{\"code\": 20003, \"message\": \"Authenticate\"}")));
        assertThat(n.test(ChannelKind.SMS, Optional.of("+15550003333")).detail())
                .startsWith("HTTP 401 from")
                .contains("Authenticate");

        assertThat(n.test(ChannelKind.WEBHOOK, Optional.of("http://edm-no-such-host.invalid/hook"))
                        .detail())
                .isEqualTo("DNS: unknown host edm-no-such-host.invalid");
        assertThat(n.test(ChannelKind.WEBHOOK, Optional.empty()).detail())
                .contains("no webhook receiver is configured");

        peer.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        Notifications.TestResult ok = n.test(ChannelKind.WEBHOOK, Optional.of(peer.baseUrl() + "/hook"));
        assertThat(ok.ok()).as(ok.detail()).isTrue();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }
}

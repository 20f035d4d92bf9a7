package dev.edm.app;

import static dev.edm.app.ShopifyStateContract.SHOP;
import static dev.edm.app.ShopifyStateContract.level;
import static dev.edm.app.ShopifyStateContract.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, with the seed's EMAIL_* settings only: Shopify webhooks change stock, the alert opens, and its
 * message reaches a real SMTP server (GreenMail, implicit TLS) through the outbox: critical at once, its
 * resolution too, warnings in the next daily digest.
 */
class AlertEmailIT {
    static final String SECRET = "email-it-secret";
    static final String SENDER = "edm@example.com";

    @TempDir
    Path dir;

    GreenMail mail;
    RunningApp app;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));

    @BeforeEach
    void start() {
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        smtps.setServerStartupTimeout(30_000);
        mail = new GreenMail(smtps);
        mail.start();
        mail.setUser(SENDER, SENDER, "pw");
        app = RunningApp.start(
                dir,
                null,
                Map.of(
                        "SHOPIFY_WEBHOOK_SECRET", SECRET,
                        "EMAIL_SMTP_SERVER", "127.0.0.1",
                        "EMAIL_SMTP_PORT", Integer.toString(mail.getSmtps().getPort()),
                        "EMAIL_SMTP_SECURITY", "ssl",
                        "EMAIL_SMTP_SSL_TRUST", "*",
                        "EMAIL_SENDER", SENDER,
                        "EMAIL_PASSWORD", "pw",
                        "EMAIL_RECIPIENTS", "ops@example.com"),
                clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        mail.stop();
    }

    void post(String topic, JsonNode body) {
        HttpResponse<String> res =
                app.http().signed(SECRET, topic, SHOP, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    List<String> subjects(int expected) throws Exception {
        assertThat(mail.waitForIncomingEmail(15_000, expected))
                .as("%d messages expected", expected)
                .isTrue();
        MimeMessage[] received = mail.getReceivedMessages();
        return Arrays.stream(received)
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void criticalAlertsAreMailedAtOnceAndWarningsWaitForTheDigest() throws Exception {
        // Small: 1 left (low stock, a warning); Medium: none left (out of stock, critical)
        post("products/create", product("2026-11-01T10:00:00Z", 1, 0));

        List<String> first = subjects(1);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).containsIgnoringCase("out of stock");
        MimeMessage critical = mail.getReceivedMessages()[0];
        assertThat(GreenMailUtil.getAddressList(critical.getAllRecipients())).contains("ops@example.com");
        assertThat(GreenMailUtil.getBody(critical)).contains("TS-M");

        // restocked above threshold + margin: the critical alert's resolution is mailed too
        post("inventory_levels/update", level(1002, 1, 40, "2026-11-01T12:30:00Z"));
        List<String> second = subjects(2);
        assertThat(second.get(1)).containsIgnoringCase("resolved");

        // nothing else until the daily digest at 08:00 carries the low-stock warning
        Thread.sleep(1_500); // one worker pass at least
        assertThat(mail.getReceivedMessages()).hasSize(2);
        clock.advance(Duration.ofHours(20).plusMinutes(1)); // 2026-11-02T08:01Z
        List<String> third = subjects(3);
        assertThat(third.get(2)).containsIgnoringCase("low stock");
        assertThat(GreenMailUtil.getBody(mail.getReceivedMessages()[2])).contains("TS-S");
        // the worker marks a message sent just after the server took it
        app.awaitCount(0, 10_000, "SELECT count(*) FROM notification WHERE status IN ('pending', 'dead')");
    }
}

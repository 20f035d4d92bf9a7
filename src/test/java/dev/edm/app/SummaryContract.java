package dev.edm.app;

import static dev.edm.app.ShopifyStateContract.SHOP;
import static dev.edm.app.ShopifyStateContract.order;
import static dev.edm.app.ShopifyStateContract.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.edm.summary.Summaries;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled summaries end to end: state from signed Shopify webhooks, the summary enqueued at its due time (in
 * EDM_TIMEZONE) once per period and recipient however often and wherever the job runs, and delivered by the
 * notification worker to a real SMTP server (GreenMail) with its table and CSVs, also after an SMTP outage.
 */
abstract class SummaryContract {
    static final String SECRET = "summary-secret";
    static final String SENDER = "edm@example.com";
    static final List<String> RECIPIENTS = List.of("ops@example.com", "boss@example.com");

    @TempDir
    Path dir;

    int smtpPort;
    GreenMail mail;
    RunningApp app;
    // Thursday; 08:00 in Europe/Berlin is 07:00 UTC in November
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

    abstract String databaseUrl();

    @BeforeEach
    void startMail() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        startSmtp();
    }

    void startSmtp() {
        ServerSetup smtps = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        smtps.setServerStartupTimeout(30_000);
        mail = new GreenMail(smtps);
        mail.start();
        mail.setUser(SENDER, SENDER, "pw");
    }

    void startApp(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SHOPIFY_WEBHOOK_SECRET", SECRET,
                "EMAIL_SMTP_SERVER", "127.0.0.1",
                "EMAIL_SMTP_PORT", Integer.toString(smtpPort),
                "EMAIL_SMTP_SECURITY", "ssl",
                "EMAIL_SMTP_SSL_TRUST", "*",
                "EMAIL_SENDER", SENDER,
                "EMAIL_PASSWORD", "pw",
                "EMAIL_RECIPIENTS", "alerts@example.com",
                "EDM_SUMMARY_RECIPIENTS", String.join(",", RECIPIENTS),
                "EDM_TIMEZONE", "Europe/Berlin"));
        env.putAll(extra);
        app = RunningApp.start(dir, databaseUrl(), env, clock);
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

    /** TS-S: 3 left (low stock), TS-M: none (out of stock, and low stock); sales of TS-S at 19.99 USD. */
    void seed(Map<String, Integer> unitsByDay) throws IOException {
        post("products/create", product("2026-11-20T10:00:00Z", 3, 0));
        long id = 9000;
        for (Map.Entry<String, Integer> e : unitsByDay.entrySet()) {
            post("orders/create", order(id++, e.getValue(), e.getKey() + "T12:00:00Z"));
        }
    }

    Summaries summaries() {
        return app.app().core().summaries();
    }

    long summaryRows() {
        return app.count("SELECT count(*) FROM notification WHERE kind = 'summary'");
    }

    List<MimeMessage> summariesReceived(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MimeMessage> got = new ArrayList<>();
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getSubject().startsWith("edm ")) {
                    got.add(m);
                }
            }
            if (got.size() >= expected || System.nanoTime() > deadline) {
                return got;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void theDailySummaryArrivesOncePerRecipientAtItsTimeWithTableAndCsvs() throws Exception {
        startApp(Map.of());
        seed(Map.of("2026-11-26", 5, "2026-11-25", 7));

        clock.set(Instant.parse("2026-11-27T06:59:00Z")); // 07:59 in Berlin
        assertThat(summaries().runDue()).isEmpty();
        assertThat(summaryRows()).isZero();

        clock.set(Instant.parse("2026-11-27T07:00:00Z"));
        // two instances at once: one of them enqueues it, for each recipient once
        Core core = app.app().core();
        Summaries other = new Summaries(
                core.reports(),
                core.alerts(),
                core.notifications(),
                core.config().summary(),
                core.config().notifications().zone(),
                clock);
        var a = CompletableFuture.supplyAsync(other::runDue);
        var b = CompletableFuture.supplyAsync(summaries()::runDue);
        List<Summaries.Enqueued> both = new ArrayList<>(a.get());
        both.addAll(b.get());
        assertThat(both).allSatisfy(e -> assertThat(e.key()).isEqualTo("daily-2026-11-26"));
        assertThat(both.stream().flatMap(e -> e.recipients().stream())).containsExactlyInAnyOrderElementsOf(RECIPIENTS);
        // the job again, later that day: nothing more
        clock.advance(Duration.ofHours(1));
        assertThat(summaries().runDue()).isEmpty();
        assertThat(summaryRows()).isEqualTo(2);

        List<MimeMessage> got = summariesReceived(2);
        assertThat(got).hasSize(2);
        List<String> to = new ArrayList<>();
        for (MimeMessage m : got) {
            assertThat(m.getSubject())
                    .isEqualTo("edm daily summary 2026-11-26: 1 out of stock, 2 low stock, 5 units sold");
            to.add(m.getAllRecipients()[0].toString());
            List<Part> parts = leaves(m);
            assertThat(parts)
                    .extracting(p -> p.getContentType().split(";")[0].toLowerCase())
                    .containsExactly("text/plain", "text/html", "text/csv", "text/csv", "text/csv", "text/csv");
            assertThat((String) parts.get(0).getContent()).contains("TS-S").contains("5 | 99.95");
            String html = (String) parts.get(1).getContent();
            assertThat(html).contains("<table").contains("<td>TS-S</td>").contains("<td>USD</td>");
            assertThat(html).contains("<td>out_of_stock</td>").contains("<td>TS-M</td>");
            assertThat(parts.subList(2, 6))
                    .extracting(Part::getFileName)
                    .containsExactly("low-stock.csv", "out-of-stock.csv", "sales.csv", "top-sellers.csv");
            assertThat(csv(parts.get(2)).lines().skip(1))
                    .extracting(l -> l.split(",")[8])
                    .containsExactlyInAnyOrder("TS-S", "TS-M");
            assertThat(csv(parts.get(3)).lines().skip(1))
                    .singleElement()
                    .asString()
                    .contains("TS-M");
            String sales = csv(parts.get(4));
            assertThat(sales).contains("2026-11-26").doesNotContain("2026-11-25");
            assertThat(sales.lines().filter(l -> l.startsWith("total,") && l.contains(",ALL,")))
                    .singleElement()
                    .asString()
                    .contains(",5,99.95,USD");
            assertThat(csv(parts.get(5)).lines().skip(1).findFirst().orElseThrow())
                    .startsWith("units,1,TS-S,");
        }
        assertThat(to).containsExactlyInAnyOrderElementsOf(RECIPIENTS);
        app.awaitCount(2, 10_000, "SELECT count(*) FROM notification WHERE kind = 'summary' AND status = 'sent'");
        assertThat(summariesReceived(3)).hasSize(2);
    }

    @Test
    void theWeeklySummaryComesOnMondayAndCoversTheSevenDaysBefore() throws Exception {
        startApp(Map.of("EDM_SUMMARY_DAILY", "off", "EDM_SUMMARY_WEEKLY", "mon@08:00"));
        seed(Map.of("2026-11-22", 7, "2026-11-23", 1, "2026-11-29", 4));

        clock.set(Instant.parse("2026-11-29T09:00:00Z")); // Sunday
        assertThat(summaries().runDue()).isEmpty();
        clock.set(Instant.parse("2026-11-30T06:59:00Z")); // Monday 07:59 in Berlin
        assertThat(summaries().runDue()).isEmpty();
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(summaries().runDue())
                .singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("weekly-2026-11-23..2026-11-29"));
        assertThat(summaries().runDue()).isEmpty();

        List<MimeMessage> got = summariesReceived(2);
        assertThat(got).hasSize(2);
        assertThat(got.get(0).getSubject())
                .isEqualTo("edm weekly summary 2026-11-23 to 2026-11-29: 1 out of stock, 2 low stock, 5 units sold");
        String sales = csv(leaves(got.get(0)).get(4));
        assertThat(sales).contains("2026-11-23").contains("2026-11-29").doesNotContain("2026-11-22");
    }

    @Test
    void anSmtpOutageThenRecoveryDeliversTheSummaryOnce() throws Exception {
        startApp(Map.of("EDM_SUMMARY_RECIPIENTS", "ops@example.com"));
        seed(Map.of("2026-11-26", 2));
        mail.stop();
        clock.set(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(summaries().runDue()).hasSize(1);
        app.awaitCount(
                1,
                20_000,
                "SELECT count(*) FROM notification WHERE kind = 'summary' AND attempts = 1 AND status = 'pending'");
        assertThat(app.text("SELECT last_error FROM notification WHERE kind = 'summary'"))
                .isNotBlank();

        startSmtp();
        clock.advance(Duration.ofHours(3)); // past any backoff
        app.awaitCount(1, 20_000, "SELECT count(*) FROM notification WHERE kind = 'summary' AND status = 'sent'");
        List<MimeMessage> got = summariesReceived(1);
        assertThat(got)
                .singleElement()
                .satisfies(m -> assertThat(m.getSubject())
                        .isEqualTo("edm daily summary 2026-11-26: 1 out of stock, 2 low stock, 2 units sold"));
        assertThat(summaries().runDue()).isEmpty();
        Thread.sleep(1_500); // a worker pass at least
        assertThat(summariesReceived(2)).hasSize(1);
        assertThat(app.count("SELECT attempts FROM notification WHERE kind = 'summary'"))
                .isEqualTo(2);
    }

    static String csv(Part p) throws Exception {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static List<Part> leaves(Part p) throws Exception {
        List<Part> out = new ArrayList<>();
        if (p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                out.addAll(leaves(mp.getBodyPart(i)));
            }
        } else {
            out.add(p);
        }
        return out;
    }
}

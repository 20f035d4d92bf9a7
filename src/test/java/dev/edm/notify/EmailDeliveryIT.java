package dev.edm.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.Rule;
import dev.edm.config.DatabaseSettings;
import dev.edm.config.EmailSettings;
import dev.edm.config.NotifySettings;
import dev.edm.storage.Database;
import dev.edm.testing.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Email through a real SMTP server (GreenMail): implicit TLS, STARTTLS, login, digests with CSV, and failures. */
class EmailDeliveryIT {
    static final String SENDER = "edm@example.com";
    static final String PASSWORD = "s3cret";

    @TempDir
    Path dir;

    GreenMail mail;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

    @BeforeEach
    void start() {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        // the shared build machine can be slow to generate and load the test certificate
        smtp.setServerStartupTimeout(30_000);
        smtps.setServerStartupTimeout(30_000);
        mail = new GreenMail(new ServerSetup[] {smtp, smtps});
        mail.start();
        mail.setUser(SENDER, SENDER, PASSWORD);
        db = Database.open(
                new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null));
    }

    @AfterEach
    void stop() {
        mail.stop();
        db.close();
    }

    EmailSettings email(int port, String password) {
        return new EmailSettings(
                Optional.of("127.0.0.1"),
                port,
                Optional.of(SENDER),
                Optional.of(password),
                List.of("ops@example.com", "boss@example.com"));
    }

    NotifySettings security(NotifySettings.Security security) {
        NotifySettings s = Notices.settings(Optional.empty(), List.of(), 10, "daily@08:00");
        return new NotifySettings(
                Optional.of(security),
                s.emailUsername(),
                Optional.of("127.0.0.1"),
                s.digest(),
                ZoneId.of("Europe/Berlin"),
                s.routesFile(),
                s.twilio(),
                s.twilioApiBase(),
                s.webhooks(),
                s.maxAttempts());
    }

    @Test
    void aDigestOverImplicitTlsReachesEveryRecipientWithATableAndTheCsv() throws Exception {
        Notifications n = Notifications.open(
                db, clock, email(mail.getSmtps().getPort(), PASSWORD), security(NotifySettings.Security.SSL));
        List<AlertNotice> notices = List.of(
                Notices.firing(1, Rule.LOW_STOCK, "SKU-A", 4, clock.instant()),
                Notices.firing(2, Rule.LOW_STOCK, "SKU-B, \"big\"", 1, clock.instant()),
                Notices.firing(3, Rule.NO_SALES, "SKU-C", 30, clock.instant()));
        Notices.accept(db, n, notices);
        n.deliverDue();
        assertThat(mail.getReceivedMessages()).isEmpty();

        // 08:00 in Europe/Berlin is 07:00 UTC in March
        clock.set(Instant.parse("2026-03-03T07:00:00Z"));
        n.deliverDue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2); // one copy per recipient mailbox, one message
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("[edm] 3 alerts, worst: WARNING low stock SKU-B, \"big\" (1 left)");
        assertThat(m.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("ops@example.com", "boss@example.com");
        assertThat(m.getMessageID()).startsWith("<digest-email-");
        List<Part> parts = leaves(m);
        assertThat(parts)
                .extracting(p -> p.getContentType().split(";")[0].toLowerCase())
                .containsExactly("text/plain", "text/html", "text/csv");
        assertThat((String) parts.get(0).getContent()).contains("SKU-A").contains("SKU-C");
        assertThat((String) parts.get(1).getContent()).contains("<table").contains("SKU-B, &quot;big&quot;");
        assertThat(parts.get(2).getFileName()).isEqualTo("edm-alerts.csv");
        String csv = new String(parts.get(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv).contains("\"SKU-B, \"\"big\"\"\"");
        assertThat(n.list(Optional.of("sent"), 10))
                .singleElement()
                .satisfies(r -> assertThat(r.items()).isEqualTo(3));
    }

    @Test
    void startTlsUpgradesThenLogsInAndDelivers() throws Exception {
        try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort())) {
            Notifications n = Notifications.open(
                    db, clock, email(front.port(), PASSWORD), security(NotifySettings.Security.STARTTLS));
            Notifications.TestResult r = n.test(ChannelKind.EMAIL, Optional.of("test@example.com"));
            assertThat(r.ok()).as(r.detail()).isTrue();
            assertThat(front.upgraded).isTrue();
            assertThat(mail.getReceivedMessages())
                    .singleElement()
                    .satisfies(m -> assertThat(GreenMailUtil.getBody(m)).contains("edm notify test"));
        }
    }

    @Test
    void aWrongPasswordIsReportedAsAnAuthenticationFailure() {
        Notifications n = Notifications.open(
                db, clock, email(mail.getSmtps().getPort(), "wrong"), security(NotifySettings.Security.SSL));
        Notifications.TestResult r = n.test(ChannelKind.EMAIL, Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.detail()).startsWith("authentication failed at 127.0.0.1:");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void tlsToAPlainServerAndAClosedPortSayWhatFailed() throws Exception {
        Notifications tlsToPlain = Notifications.open(
                db, clock, email(mail.getSmtp().getPort(), PASSWORD), security(NotifySettings.Security.SSL));
        assertThat(tlsToPlain.test(ChannelKind.EMAIL, Optional.empty()).detail())
                .startsWith("TLS failed with");

        Notifications noStartTls = Notifications.open(
                db, clock, email(mail.getSmtp().getPort(), PASSWORD), security(NotifySettings.Security.STARTTLS));
        assertThat(noStartTls.test(ChannelKind.EMAIL, Optional.empty()).detail())
                .contains("STARTTLS");

        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Notifications refused =
                Notifications.open(db, clock, email(closed, PASSWORD), security(NotifySettings.Security.SSL));
        assertThat(refused.test(ChannelKind.EMAIL, Optional.empty()).detail())
                .isEqualTo("connection refused by 127.0.0.1:" + closed + " (ssl)");
    }

    @Test
    void aCriticalAlertIsMailedAtOnceAndItsResolutionToo() throws Exception {
        Notifications n = Notifications.open(
                db, clock, email(mail.getSmtps().getPort(), PASSWORD), security(NotifySettings.Security.SSL));
        AlertNotice out = Notices.firing(7, Rule.OUT_OF_STOCK, "SKU-Z", 0, clock.instant());
        Notices.accept(db, n, List.of(out));
        n.deliverDue();
        clock.advance(java.time.Duration.ofMinutes(5));
        Notices.accept(db, n, List.of(Notices.resolved(out, clock.instant())));
        n.deliverDue();
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        assertThat(subjects).as("two messages, each to both recipients").hasSize(4);
        assertThat(subjects.stream().distinct().toList())
                .containsExactly(
                        "[edm] CRITICAL out of stock: SKU-Z (shopify:shop-a.myshopify.com)",
                        "[edm] RESOLVED out of stock: SKU-Z (shopify:shop-a.myshopify.com)");
    }

    private static List<Part> leaves(Part p) throws Exception {
        List<Part> out = new ArrayList<>();
        collect(p, out);
        return out;
    }

    private static void collect(Part p, List<Part> out) throws Exception {
        Object content;
        try {
            content = p.getContent();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                collect(bp, out);
            }
        } else {
            out.add(p);
        }
    }
}

package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    private static Config build(Map<String, String> env) {
        return new ConfigLoader(env, Map.of()).build();
    }

    private static String problem(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> build(env)).getMessage();
    }

    @Test
    void defaultsAreADailyDigestAt8InUtcAndNoExtraChannels() {
        NotifySettings n = build(Map.of()).notifications();
        assertThat(n.digest()).isEqualTo(new NotifySettings.Digest(false, LocalTime.of(8, 0)));
        assertThat(n.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(n.routesFile()).isEmpty();
        assertThat(n.twilio()).isEmpty();
        assertThat(n.webhooks()).isEmpty();
        assertThat(n.maxAttempts()).isEqualTo(10);
        assertThat(n.emailSecurity()).isEmpty();
    }

    @Test
    void everyVariableIsRead() {
        NotifySettings n = build(Map.of(
                        "EDM_DIGEST", "hourly",
                        "EDM_TIMEZONE", "Europe/Berlin",
                        "EMAIL_SMTP_SECURITY", "STARTTLS",
                        "EMAIL_USERNAME", "apikey",
                        "TWILIO_ACCOUNT_SID", "AC1",
                        "TWILIO_AUTH_TOKEN", "tok",
                        "TWILIO_FROM", "+15550000000",
                        "EDM_WEBHOOK_URLS",
                                "https://hooks.example.com/a|whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, https://b.example.com/x",
                        "EDM_NOTIFY_MAX_ATTEMPTS", "3"))
                .notifications();
        assertThat(n.digest().hourly()).isTrue();
        assertThat(n.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(n.emailSecurity()).contains(NotifySettings.Security.STARTTLS);
        assertThat(n.emailUsername()).contains("apikey");
        assertThat(n.twilio()).hasValueSatisfying(t -> assertThat(t.toString()).doesNotContain("tok"));
        assertThat(n.webhooks()).hasSize(2);
        assertThat(n.webhooks().get(0).secret()).isPresent();
        assertThat(n.webhooks().get(1).secret()).isEqualTo(Optional.empty());
        assertThat(n.maxAttempts()).isEqualTo(3);
        assertThat(build(Map.of("EDM_DIGEST", "daily@18:30"))
                        .notifications()
                        .digest()
                        .at())
                .isEqualTo(LocalTime.of(18, 30));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThat(problem(Map.of("EDM_DIGEST", "weekly"))).startsWith("EDM_DIGEST: must be hourly or daily@HH:MM");
        assertThat(problem(Map.of("EDM_TIMEZONE", "Mars/Base"))).startsWith("EDM_TIMEZONE: ");
        assertThat(problem(Map.of("EMAIL_SMTP_SECURITY", "tls"))).startsWith("EMAIL_SMTP_SECURITY: ");
        assertThat(problem(Map.of("TWILIO_ACCOUNT_SID", "AC1"))).startsWith("TWILIO_AUTH_TOKEN: set");
        assertThat(problem(Map.of("EDM_WEBHOOK_URLS", "ftp://x")))
                .startsWith("EDM_WEBHOOK_URLS: must be an http(s) URL");
        assertThat(problem(Map.of("EDM_WEBHOOK_URLS", "https://x.io|secret"))).contains("whsec_");
        assertThat(problem(Map.of("EDM_NOTIFY_MAX_ATTEMPTS", "0"))).startsWith("EDM_NOTIFY_MAX_ATTEMPTS: ");
    }
}

package dev.edm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Notification delivery settings (issue 5): SMTP security and login beyond {@link EmailSettings}, the digest
 * schedule and time zone, the routes file, Twilio for SMS, outbound webhooks and the retry limit.
 *
 * @param emailSecurity how SMTP is secured; empty: implicit TLS on port 465, STARTTLS otherwise
 * @param emailUsername the SMTP login; empty: the sender address
 * @param emailSslTrust hosts whose certificate is trusted without checks (self-signed test servers), or empty
 * @param webhooks outbound webhook receivers of every alert event
 */
public record NotifySettings(
        Optional<Security> emailSecurity,
        Optional<String> emailUsername,
        Optional<String> emailSslTrust,
        Digest digest,
        ZoneId zone,
        Optional<Path> routesFile,
        Optional<Twilio> twilio,
        URI twilioApiBase,
        List<WebhookTarget> webhooks,
        int maxAttempts) {
    public static final String DEFAULT_TWILIO_API_BASE = "https://api.twilio.com";

    public NotifySettings {
        webhooks = List.copyOf(webhooks);
    }

    /** SMTP transport security. */
    public enum Security {
        SSL,
        STARTTLS,
        NONE
    }

    /** When warning and info notices go out: every hour, or once a day at a local time. */
    public record Digest(boolean hourly, LocalTime at) {
        public static final Digest DEFAULT = new Digest(false, LocalTime.of(8, 0));

        @Override
        public String toString() {
            return hourly ? "hourly" : "daily@" + at;
        }
    }

    /** Twilio account credentials and the number SMS come from. */
    public record Twilio(String accountSid, String authToken, String from) {
        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=****, from=" + from + "]";
        }
    }

    /** An outbound webhook URL and its optional Standard Webhooks secret ({@code whsec_...}). */
    public record WebhookTarget(URI url, Optional<String> secret) {
        @Override
        public String toString() {
            return url + (secret.isPresent() ? " (signed)" : "");
        }
    }

    /** Reads one variable: name, fallback, whether it is a secret. */
    @FunctionalInterface
    interface Variables {
        String get(String name, String fallback, boolean secret);
    }

    /** Reads the settings, reporting each bad value to {@code problems}. */
    static NotifySettings read(Variables vars, Consumer<ConfigException> problems) {
        Optional<Security> security = Optional.ofNullable(vars.get("EMAIL_SMTP_SECURITY", null, false))
                .flatMap(v -> {
                    try {
                        return Optional.of(Security.valueOf(v.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        problems.accept(
                                new ConfigException("EMAIL_SMTP_SECURITY", "must be ssl, starttls or none, got " + v));
                        return Optional.empty();
                    }
                });
        Digest digest = digest(vars.get("EDM_DIGEST", "daily@08:00", false), problems);
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = vars.get("EDM_TIMEZONE", "UTC", false);
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            problems.accept(new ConfigException("EDM_TIMEZONE", "not a time zone (e.g. Europe/Berlin): " + zoneName));
        }
        Optional<Path> routes = Optional.ofNullable(vars.get("EDM_ROUTES_FILE", null, false))
                .map(p -> Path.of(p).toAbsolutePath().normalize());
        String sid = vars.get("TWILIO_ACCOUNT_SID", null, false);
        String token = vars.get("TWILIO_AUTH_TOKEN", null, true);
        String from = vars.get("TWILIO_FROM", null, false);
        Optional<Twilio> twilio = Optional.empty();
        if (sid != null && token != null && from != null) {
            twilio = Optional.of(new Twilio(sid, token, from));
        } else if (sid != null || token != null || from != null) {
            problems.accept(new ConfigException(
                    sid == null ? "TWILIO_ACCOUNT_SID" : token == null ? "TWILIO_AUTH_TOKEN" : "TWILIO_FROM",
                    "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM together, or none"));
        }
        String base = vars.get("EDM_TWILIO_API_BASE", DEFAULT_TWILIO_API_BASE, false);
        URI twilioBase = url("EDM_TWILIO_API_BASE", base.replaceAll("/+$", ""), problems)
                .orElse(URI.create(DEFAULT_TWILIO_API_BASE));
        List<WebhookTarget> webhooks = new ArrayList<>();
        String hooks = vars.get("EDM_WEBHOOK_URLS", null, true);
        if (hooks != null) {
            for (String item : hooks.split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                String[] parts = item.strip().split("\\|", 2);
                Optional<String> secret = parts.length == 2 ? Optional.of(parts[1].strip()) : Optional.empty();
                if (secret.isPresent() && !secret.get().startsWith("whsec_")) {
                    problems.accept(
                            new ConfigException("EDM_WEBHOOK_URLS", "a secret must start with whsec_ (URL|whsec_...)"));
                }
                url("EDM_WEBHOOK_URLS", parts[0].strip(), problems)
                        .ifPresent(u -> webhooks.add(new WebhookTarget(u, secret)));
            }
        }
        int maxAttempts = 10;
        String attempts = vars.get("EDM_NOTIFY_MAX_ATTEMPTS", "10", false);
        try {
            maxAttempts = Integer.parseInt(attempts);
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            maxAttempts = 10;
            problems.accept(new ConfigException("EDM_NOTIFY_MAX_ATTEMPTS", "must be 1 to 100, got " + attempts));
        }
        return new NotifySettings(
                security,
                Optional.ofNullable(vars.get("EMAIL_USERNAME", null, false)),
                Optional.ofNullable(vars.get("EMAIL_SMTP_SSL_TRUST", null, false)),
                digest,
                zone,
                routes,
                twilio,
                twilioBase,
                webhooks,
                maxAttempts);
    }

    /** Parses {@code hourly}, {@code daily} or {@code daily@HH:MM}; a bad value is reported and the default used. */
    public static Digest digest(String value, Consumer<ConfigException> problems) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("hourly")) {
            return new Digest(true, LocalTime.MIDNIGHT);
        }
        if (v.equals("daily")) {
            return Digest.DEFAULT;
        }
        if (v.startsWith("daily@")) {
            try {
                return new Digest(false, LocalTime.parse(v.substring("daily@".length())));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.accept(
                new ConfigException("EDM_DIGEST", "must be hourly or daily@HH:MM (e.g. daily@08:00), got " + value));
        return Digest.DEFAULT;
    }

    private static Optional<URI> url(String name, String value, Consumer<ConfigException> problems) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.accept(new ConfigException(name, "must be an http(s) URL, got \"" + value + "\""));
        return Optional.empty();
    }
}

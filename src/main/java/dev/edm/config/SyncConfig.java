package dev.edm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link SyncSettings} from the variables the loader gives it, reporting each bad one by name. */
final class SyncConfig {
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})\\s*([smhd])");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}|unstable");

    private final BiFunction<String, Boolean, String> value;
    private final Consumer<ConfigException> problems;

    private SyncConfig(BiFunction<String, Boolean, String> value, Consumer<ConfigException> problems) {
        this.value = value;
        this.problems = problems;
    }

    /** {@code value.apply(name, secret)} is the variable's value or null. */
    static SyncSettings read(BiFunction<String, Boolean, String> value, Consumer<ConfigException> problems) {
        return new SyncConfig(value, problems).read();
    }

    private SyncSettings read() {
        Duration interval = interval();
        int days = ordersDays();
        String version = Optional.ofNullable(value.apply("EDM_SHOPIFY_API_VERSION", false))
                .orElse(SyncSettings.DEFAULT_SHOPIFY_API_VERSION);
        if (!API_VERSION.matcher(version).matches()) {
            problems.accept(new ConfigException("EDM_SHOPIFY_API_VERSION", "must look like 2025-10, got " + version));
            version = SyncSettings.DEFAULT_SHOPIFY_API_VERSION;
        }
        Optional<String> key = Optional.ofNullable(value.apply("WOOCOMMERCE_CONSUMER_KEY", true));
        Optional<String> secret = Optional.ofNullable(value.apply("WOOCOMMERCE_CONSUMER_SECRET", true));
        if (key.isPresent() != secret.isPresent()) {
            problems.accept(new ConfigException(
                    key.isPresent() ? "WOOCOMMERCE_CONSUMER_SECRET" : "WOOCOMMERCE_CONSUMER_KEY",
                    "set both WOOCOMMERCE_CONSUMER_KEY and WOOCOMMERCE_CONSUMER_SECRET, or neither"));
        }
        String queryAuth = value.apply("WOOCOMMERCE_AUTH_QUERY", false);
        return new SyncSettings(
                interval,
                days,
                url("EDM_SHOPIFY_API_BASE"),
                version,
                url("WOOCOMMERCE_URL"),
                key,
                secret,
                url("EDM_WOOCOMMERCE_API_BASE"),
                queryAuth != null && queryAuth.equalsIgnoreCase("true"));
    }

    private Duration interval() {
        String raw = value.apply("EDM_SYNC_INTERVAL", false);
        if (raw == null) {
            return SyncSettings.DEFAULT_INTERVAL;
        }
        String v = raw.toLowerCase(Locale.ROOT);
        if (v.equals("0") || v.equals("off")) {
            return Duration.ZERO;
        }
        Matcher m = INTERVAL.matcher(v);
        if (!m.matches()) {
            problems.accept(new ConfigException("EDM_SYNC_INTERVAL", "must be like 6h, 30m, 1d, or off; got " + raw));
            return SyncSettings.DEFAULT_INTERVAL;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.accept(new ConfigException("EDM_SYNC_INTERVAL", "must be at least 1m (or off), got " + raw));
            return SyncSettings.DEFAULT_INTERVAL;
        }
        return d;
    }

    private int ordersDays() {
        String raw = value.apply("EDM_SYNC_ORDERS_DAYS", false);
        if (raw == null) {
            return 90;
        }
        try {
            int days = Integer.parseInt(raw);
            if (days >= 0 && days <= 3650) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.accept(new ConfigException("EDM_SYNC_ORDERS_DAYS", "must be a whole number 0-3650, got " + raw));
        return 90;
    }

    private Optional<URI> url(String name) {
        String raw = value.apply(name, false);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (web && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.accept(new ConfigException(name, "must be an http(s) URL, got " + raw));
        return Optional.empty();
    }
}

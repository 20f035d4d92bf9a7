package dev.edm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Config} from environment variables and a {@code .env} file in the working directory
 * (the environment wins). The only class that reads {@code System.getenv}.
 */
public final class ConfigLoader {
    private static final long MIB = 1024L * 1024L;

    private final Map<String, String> env;
    private final Map<String, String> dotEnv;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<ConfigException> problems = new ArrayList<>();

    /** One variable as the loader saw it. */
    public record Entry(String name, String value, String source, boolean secret) {
        /** The value as it may be printed: secrets are masked. */
        public String display() {
            if (value == null) {
                return "(unset)";
            }
            return secret ? "****" : value;
        }
    }

    /** The effective configuration (null when there are problems), what was read, and every problem found. */
    public record Inspection(Config config, List<Entry> entries, List<ConfigException> problems) {}

    ConfigLoader(Map<String, String> env, Map<String, String> dotEnv) {
        this.env = env;
        this.dotEnv = dotEnv;
    }

    /** Loads from the process environment and {@code ./.env}; throws the first problem. */
    public static Config load() {
        return fromSystem().build();
    }

    /** Loads from the given variables only (for tests and embedding); throws the first problem. */
    public static Config load(Map<String, String> variables) {
        return new ConfigLoader(variables, Map.of()).build();
    }

    /** Whether {@code TERM=dumb}: the terminal cannot redraw a line, so progress is printed line by line. */
    public static boolean dumbTerminal() {
        return "dumb".equals(System.getenv("TERM"));
    }

    /** Reads everything from the process environment and {@code ./.env}, collecting all problems. */
    public static Inspection inspect() {
        return fromSystem().inspection();
    }

    private static ConfigLoader fromSystem() {
        Map<String, String> dotEnv;
        try {
            dotEnv = DotEnv.read(Path.of(".env"));
        } catch (ConfigException e) {
            ConfigLoader loader = new ConfigLoader(System.getenv(), Map.of());
            loader.problems.add(e);
            return loader;
        }
        return new ConfigLoader(System.getenv(), dotEnv);
    }

    Config build() {
        Inspection inspection = inspection();
        if (!inspection.problems().isEmpty()) {
            throw inspection.problems().get(0);
        }
        return inspection.config();
    }

    Inspection inspection() {
        Config config = read();
        return new Inspection(problems.isEmpty() ? config : null, List.copyOf(entries.values()), List.copyOf(problems));
    }

    private Config read() {
        String host = string("EDM_HOST", "0.0.0.0", false);
        Integer legacyPort = integer("PORT", null, 0, 65535);
        int port = integer("EDM_PORT", legacyPort == null ? 5001 : legacyPort, 0, 65535);
        Path dataDir = path("EDM_DATA_DIR", "./data");
        Path outputDir = path("EDM_OUTPUT_DIR", "./output");
        Path logDir = path("EDM_LOG_DIR", "./logs");
        DatabaseSettings database = database(dataDir);
        long maxBody = integer("EDM_MAX_BODY_BYTES", (int) (5 * MIB), 1024, Integer.MAX_VALUE - 1);
        boolean debug = bool("DEBUG_MODE", false);
        ShopifySettings shopify = new ShopifySettings(
                storeSecrets("SHOPIFY_WEBHOOK_SECRET", "SHOPIFY_SECRETS", "shop-domain"),
                Optional.ofNullable(string("SHOPIFY_STORE", null, false)).map(s -> s.toLowerCase(Locale.ROOT)),
                Optional.ofNullable(string("SHOPIFY_TOKEN", null, true)));
        AmazonSettings amazon = amazon();
        int lowStock = integer("LOW_STOCK_THRESHOLD", 5, 0, 1_000_000);
        int noSales = integer("NO_SALES_DAYS", 60, 1, 3650);
        EmailSettings email = new EmailSettings(
                Optional.ofNullable(string("EMAIL_SMTP_SERVER", null, false)),
                integer("EMAIL_SMTP_PORT", 465, 1, 65535),
                Optional.ofNullable(string("EMAIL_SENDER", null, false)),
                Optional.ofNullable(string("EMAIL_PASSWORD", null, true)),
                list(string("EMAIL_RECIPIENTS", null, false)));
        int verifyFailures = integer("EDM_VERIFY_FAILURES_PER_MINUTE", 30, 1, 1_000_000);
        long minFree = integer("EDM_MIN_FREE_MB", 100, 0, 1_000_000) * MIB;
        int checkInterval = integer("EDM_CHECK_INTERVAL_MINUTES", 60, 1, 7 * 24 * 60);
        StoreSecrets woocommerce = storeSecrets("WOOCOMMERCE_WEBHOOK_SECRET", "WOOCOMMERCE_SECRETS", "store-host");
        storesAreHosts("WOOCOMMERCE_SECRETS", woocommerce);
        StandardWebhookSettings standard =
                new StandardWebhookSettings(whsecSecrets(storeSecrets(null, "EDM_STANDARD_WEBHOOK_SECRETS", "source")));
        BigCommerceSettings bigcommerce = bigcommerce();
        EbaySettings ebay = ebay();
        SecretSettings secretStore = secretStore(dataDir);
        AlertSettings alerting = AlertSettings.read((name, fallback) -> string(name, fallback, false), problems::add);
        NotifySettings notifications = NotifySettings.read(this::string, problems::add);
        SyncSettings sync = SyncConfig.read((name, secret) -> string(name, null, secret), problems::add);
        return new Config(
                host,
                port,
                dataDir,
                outputDir,
                logDir,
                database,
                maxBody,
                debug,
                shopify,
                amazon,
                lowStock,
                noSales,
                email,
                verifyFailures,
                minFree,
                checkInterval,
                woocommerce,
                standard,
                bigcommerce,
                ebay,
                secretStore,
                alerting,
                notifications,
                sync,
                new RetentionSettings(integer("EDM_RETENTION_DAYS", RetentionSettings.DEFAULT_DAYS, 0, 36_500)),
                SummarySettings.read(name -> string(name, null, false), email.recipients(), problems::add),
                bool("EDM_INBOX_JOURNAL", true));
    }

    /** The registry's key ({@code EDM_SECRET_KEY}, else {@code DATA_DIR/secret.key}) and env references. */
    private SecretSettings secretStore(Path dataDir) {
        String raw = string("EDM_SECRET_KEY", null, true);
        Optional<byte[]> key = Optional.empty();
        if (raw != null) {
            try {
                byte[] decoded = Base64.getDecoder().decode(raw.strip());
                if (decoded.length != SecretSettings.KEY_BYTES) {
                    problems.add(new ConfigException(
                            "EDM_SECRET_KEY", "must be base64 of exactly 32 bytes (it has " + decoded.length + ")"));
                } else {
                    key = Optional.of(decoded);
                }
            } catch (IllegalArgumentException e) {
                problems.add(
                        new ConfigException("EDM_SECRET_KEY", "is not base64 (openssl rand -base64 32 makes one)"));
            }
        }
        Map<String, String> env = this.env;
        Map<String, String> dotEnv = this.dotEnv;
        return new SecretSettings(
                key, dataDir.resolve("secret.key"), name -> env.containsKey(name) ? env.get(name) : dotEnv.get(name));
    }

    /** A store named by URL ({@code https://shop.example.com:secret}) would split at the scheme's colon. */
    private void storesAreHosts(String name, StoreSecrets secrets) {
        for (String store : secrets.storeSecrets().keySet()) {
            if (store.equals("http") || store.equals("https") || store.contains("/")) {
                problems.add(new ConfigException(
                        name, "name each store by its host (shop.example.com:secret), not by its address"));
                return;
            }
        }
    }

    private BigCommerceSettings bigcommerce() {
        StoreSecrets secrets = storeSecrets("BIGCOMMERCE_CLIENT_SECRET", "BIGCOMMERCE_SECRETS", "store_hash");
        StoreSecrets tokens = storeSecrets(null, "BIGCOMMERCE_TOKENS", "store_hash");
        String base = string("EDM_BIGCOMMERCE_API_BASE", BigCommerceSettings.DEFAULT_API_BASE.toString(), false);
        URI apiBase = BigCommerceSettings.DEFAULT_API_BASE;
        try {
            URI parsed = new URI(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            boolean web = "https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme());
            if (!web || parsed.getHost() == null) {
                problems.add(new ConfigException("EDM_BIGCOMMERCE_API_BASE", "must be an http(s) URL, got " + base));
            } else {
                apiBase = parsed;
            }
        } catch (URISyntaxException e) {
            problems.add(new ConfigException("EDM_BIGCOMMERCE_API_BASE", "must be an http(s) URL, got " + base));
        }
        String headerName = string("BIGCOMMERCE_WEBHOOK_HEADER_NAME", null, false);
        String headerValue = string("BIGCOMMERCE_WEBHOOK_HEADER_VALUE", null, true);
        Optional<BigCommerceSettings.AuthHeader> header = Optional.empty();
        if ((headerName == null) != (headerValue == null)) {
            problems.add(new ConfigException(
                    headerName == null ? "BIGCOMMERCE_WEBHOOK_HEADER_NAME" : "BIGCOMMERCE_WEBHOOK_HEADER_VALUE",
                    "set both BIGCOMMERCE_WEBHOOK_HEADER_NAME and BIGCOMMERCE_WEBHOOK_HEADER_VALUE, or neither"));
        } else if (headerName != null) {
            header = Optional.of(new BigCommerceSettings.AuthHeader(headerName.toLowerCase(Locale.ROOT), headerValue));
        }
        return new BigCommerceSettings(secrets, tokens, apiBase, header);
    }

    /** Standard Webhooks secrets must be {@code whsec_} + base64 of a non-empty key; a bad one stops startup. */
    private StoreSecrets whsecSecrets(StoreSecrets secrets) {
        secrets.storeSecrets().forEach((source, list) -> {
            for (String secret : list) {
                String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
                boolean valid;
                try {
                    valid = Base64.getDecoder().decode(encoded).length > 0;
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
                if (!valid) {
                    problems.add(new ConfigException(
                            "EDM_STANDARD_WEBHOOK_SECRETS",
                            "the secret of source " + source + " is not whsec_ followed by base64 of a key"));
                }
            }
        });
        return secrets;
    }

    /** eBay's keyset; App ID and Cert ID default to the OAuth client id and secret (the same keys). */
    private EbaySettings ebay() {
        Optional<String> clientId = Optional.ofNullable(string("EBAY_CLIENT_ID", null, false));
        Optional<String> clientSecret = Optional.ofNullable(string("EBAY_CLIENT_SECRET", null, true));
        Optional<String> token = Optional.ofNullable(string("EBAY_VERIFICATION_TOKEN", null, true));
        if (token.isPresent() && !token.get().matches("[A-Za-z0-9_-]{32,80}")) {
            problems.add(new ConfigException(
                    "EBAY_VERIFICATION_TOKEN",
                    "must be 32 to 80 characters of letters, digits, _ and - (eBay's rule)"));
        }
        Optional<String> endpoint = Optional.ofNullable(string("EBAY_ENDPOINT_URL", null, false));
        endpoint.ifPresent(url -> httpUrl("EBAY_ENDPOINT_URL", url));
        String base = string("EDM_EBAY_API_BASE", EbaySettings.DEFAULT_API_BASE, false);
        URI apiBase = httpUrl("EDM_EBAY_API_BASE", base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return new EbaySettings(
                clientId,
                clientSecret,
                token,
                endpoint,
                Optional.ofNullable(string("EBAY_DEV_ID", null, false)),
                Optional.ofNullable(string("EBAY_APP_ID", null, false)).or(() -> clientId),
                Optional.ofNullable(string("EBAY_CERT_ID", null, true)).or(() -> clientSecret),
                apiBase == null ? URI.create(EbaySettings.DEFAULT_API_BASE) : apiBase,
                Optional.ofNullable(string("EBAY_STORE", null, false)));
    }

    private URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new ConfigException(name, "must be an http(s) URL, got \"" + value + "\""));
        return null;
    }

    private DatabaseSettings database(Path dataDir) {
        String url = string("EDM_DATABASE_URL", null, true);
        try {
            return DatabaseSettings.parse(url, dataDir);
        } catch (ConfigException e) {
            problems.add(e);
            return DatabaseSettings.sqliteFile(dataDir.resolve("edm.db"));
        }
    }

    private AmazonSettings amazon() {
        StoreSecrets secrets = storeSecrets("EDM_AMAZON_FORWARD_SECRET", "EDM_AMAZON_FORWARD_SECRETS", "seller-id");
        try {
            return new AmazonSettings(
                    secrets,
                    AmazonSettings.queue(
                            string("EDM_AMAZON_SQS_QUEUE_URL", null, false),
                            string("EDM_AMAZON_REGION", null, false),
                            string("AWS_REGION", null, false),
                            string("EDM_AMAZON_SQS_ENDPOINT", null, false),
                            string("EDM_AMAZON_ACCESS_KEY_ID", null, false),
                            string("EDM_AMAZON_SECRET_ACCESS_KEY", null, true)));
        } catch (ConfigException e) {
            problems.add(e);
            return new AmazonSettings(secrets, Optional.empty());
        }
    }

    private String raw(String name, String fallback, boolean secret) {
        String value = env.get(name);
        String source = "environment";
        if (value == null) {
            value = dotEnv.get(name);
            source = ".env";
        }
        if (value == null || value.isBlank()) {
            entries.put(name, new Entry(name, fallback, "default", secret));
            return null;
        }
        entries.put(name, new Entry(name, value.strip(), source, secret));
        return value.strip();
    }

    private String string(String name, String fallback, boolean secret) {
        String value = raw(name, fallback, secret);
        return value == null ? fallback : value;
    }

    private Path path(String name, String fallback) {
        String value = string(name, fallback, false);
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            problems.add(new ConfigException(name, "not a valid path: " + value));
            return Path.of(fallback).toAbsolutePath().normalize();
        }
    }

    private Integer integer(String name, Integer fallback, int min, int max) {
        String value = raw(name, fallback == null ? null : fallback.toString(), false);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                problems.add(new ConfigException(name, "must be between " + min + " and " + max + ", got " + parsed));
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(new ConfigException(name, "must be a whole number, got \"" + value + "\""));
            return fallback;
        }
    }

    private boolean bool(String name, boolean fallback) {
        String value = raw(name, Boolean.toString(fallback), false);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(new ConfigException(name, "must be true or false, got \"" + value + "\""));
                yield fallback;
            }
        };
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }

    /**
     * A platform's secrets: {@code defaultName} holds comma-separated secrets for any store, {@code perStoreName}
     * items {@code store:secret} (a store may be named several times, for rotation). A null {@code defaultName}
     * means secrets are per store only.
     */
    StoreSecrets storeSecrets(String defaultName, String perStoreName, String storeWord) {
        List<String> defaults = defaultName == null ? List.of() : list(string(defaultName, null, true));
        Map<String, List<String>> byStore = new LinkedHashMap<>();
        for (String item : list(string(perStoreName, null, true))) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                problems.add(new ConfigException(
                        perStoreName,
                        "each item must be " + storeWord + ":secret (an item has no " + storeWord + " or no secret)"));
                continue;
            }
            String store = item.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            byStore.computeIfAbsent(store, k -> new ArrayList<>())
                    .add(item.substring(colon + 1).strip());
        }
        return new StoreSecrets(defaults, byStore);
    }
}

package dev.edm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole effective configuration, immutable; built by {@link ConfigLoader}.
 *
 * @param woocommerce WooCommerce webhook secrets, per store host
 * @param secretStore how the store registry encrypts and resolves its secrets
 * @param alerting alert lifecycle settings (resolve margin, repeat interval, feed staleness)
 * @param notifications how alert notices are delivered (digests, routes file, SMS, outbound webhooks)
 * @param retention how long raw delivery bodies are kept
 * @param summary the scheduled daily and weekly summary emails
 */
public record Config(
        String host,
        int port,
        Path dataDir,
        Path outputDir,
        Path logDir,
        DatabaseSettings database,
        long maxBodyBytes,
        boolean debugMode,
        ShopifySettings shopify,
        AmazonSettings amazon,
        int lowStockThreshold,
        int noSalesDays,
        EmailSettings email,
        int verifyFailuresPerMinute,
        long minFreeBytes,
        int checkIntervalMinutes,
        StoreSecrets woocommerce,
        StandardWebhookSettings standardWebhooks,
        BigCommerceSettings bigcommerce,
        EbaySettings ebay,
        SecretSettings secretStore,
        AlertSettings alerting,
        NotifySettings notifications,
        SyncSettings sync,
        RetentionSettings retention,
        SummarySettings summary,
        boolean inboxJournal) {

    /** Creates the data, output and log folders; a folder that cannot be made or written stops startup. */
    public void prepareDirectories() {
        ensureWritable("EDM_DATA_DIR", dataDir);
        ensureWritable("EDM_OUTPUT_DIR", outputDir);
        ensureWritable("EDM_LOG_DIR", logDir);
    }

    private static void ensureWritable(String variable, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(variable, "folder " + dir + " cannot be created or written (" + e + ")");
        }
    }
}

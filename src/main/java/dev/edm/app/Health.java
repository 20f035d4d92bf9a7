package dev.edm.app;

import dev.edm.config.Config;
import dev.edm.storage.Database;
import dev.edm.web.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Health: the database answers, the data and output folders are writable with enough free space, (with an
 * inbox journal) journaled deliveries are being imported, and (with an Amazon queue) the queue is being read.
 */
final class Health implements HealthCheck {
    private final Database db;
    private final Config config;
    private final Supplier<Optional<String>> journal;
    private final Supplier<Optional<String>> amazonQueue;

    /**
     * {@code journal} and {@code amazonQueue}: the state of the inbox journal and of the Amazon SQS poller
     * ("ok" or the problem), empty when there is none.
     */
    Health(Database db, Config config, Supplier<Optional<String>> journal, Supplier<Optional<String>> amazonQueue) {
        this.db = db;
        this.config = config;
        this.journal = journal;
        this.amazonQueue = amazonQueue;
    }

    @Override
    public Map<String, String> run() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", db.ping() ? "ok" : "database does not answer");
        checks.put("data_dir", folder(config.dataDir()));
        checks.put("output_dir", folder(config.outputDir()));
        journal.get().ifPresent(state -> checks.put("inbox_journal", state));
        amazonQueue.get().ifPresent(state -> checks.put("amazon_queue", state));
        return checks;
    }

    private String folder(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".health", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < config.minFreeBytes()) {
                return "less than " + (config.minFreeBytes() >> 20) + " MiB free";
            }
            return "ok";
        } catch (IOException | SecurityException e) {
            return "not writable";
        }
    }
}

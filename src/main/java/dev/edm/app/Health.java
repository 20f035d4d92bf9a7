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
 * Health: the database answers, the data and output folders are writable with enough free space, and (with
 * an inbox journal) journaled deliveries are being imported.
 */
final class Health implements HealthCheck {
    private final Database db;
    private final Config config;
    private final Supplier<Optional<String>> journal;

    Health(Database db, Config config, Supplier<Optional<String>> journal) {
        this.db = db;
        this.config = config;
        this.journal = journal;
    }

    @Override
    public Map<String, String> run() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", db.ping() ? "ok" : "database does not answer");
        checks.put("data_dir", folder(config.dataDir()));
        checks.put("output_dir", folder(config.outputDir()));
        journal.get().ifPresent(state -> checks.put("inbox_journal", state));
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

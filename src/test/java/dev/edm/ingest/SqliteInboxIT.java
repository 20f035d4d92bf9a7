package dev.edm.ingest;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;

/** The inbox contract on SQLite, with the inbox journal the server uses there. */
class SqliteInboxIT extends InboxContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }

    @Override
    Optional<Path> journalDir() {
        return Optional.of(dir.resolve("inbox-journal"));
    }
}

package dev.edm.ingest;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;

class SqliteInboxIT extends InboxContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }
}

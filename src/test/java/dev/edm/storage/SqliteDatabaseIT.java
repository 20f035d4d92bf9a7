package dev.edm.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteDatabaseIT extends DatabaseContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }

    @Test
    void sqliteRunsInWalModeWithFullSync() {
        assertThat(text("PRAGMA journal_mode")).contains("wal");
        // 2 = FULL: the WAL is fsynced at every commit, so a commit survives power loss
        assertThat(text("PRAGMA synchronous")).contains("2");
    }
}

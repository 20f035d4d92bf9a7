package dev.edm.inventory;

import dev.edm.config.DatabaseSettings;
import dev.edm.testing.TestDatabases;
import java.nio.file.Path;

class PostgresBatchApplyIT extends BatchApplyContract {
    @Override
    DatabaseSettings settings(Path dir, String name) {
        return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, TestDatabases.freshPostgresUrl(), null, null);
    }
}

package dev.edm.catalog;

import dev.edm.config.DatabaseSettings;
import dev.edm.testing.TestDatabases;
import java.nio.file.Path;

class PostgresCatalogImportIT extends CatalogImportContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, TestDatabases.freshPostgresUrl(), null, null);
    }
}

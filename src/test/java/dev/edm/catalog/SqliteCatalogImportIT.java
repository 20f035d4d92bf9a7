package dev.edm.catalog;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;

class SqliteCatalogImportIT extends CatalogImportContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }
}

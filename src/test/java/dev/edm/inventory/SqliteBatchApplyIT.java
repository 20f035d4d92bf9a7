package dev.edm.inventory;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;

class SqliteBatchApplyIT extends BatchApplyContract {
    @Override
    DatabaseSettings settings(Path dir, String name) {
        return new DatabaseSettings(
                DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve(name + ".db"), null, null);
    }
}

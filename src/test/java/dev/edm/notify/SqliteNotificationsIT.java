package dev.edm.notify;

import dev.edm.config.DatabaseSettings;
import java.nio.file.Path;

class SqliteNotificationsIT extends NotificationsContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }
}

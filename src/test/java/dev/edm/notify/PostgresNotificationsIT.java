package dev.edm.notify;

import dev.edm.config.DatabaseSettings;
import dev.edm.testing.TestDatabases;
import java.nio.file.Path;

class PostgresNotificationsIT extends NotificationsContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, TestDatabases.freshPostgresUrl(), null, null);
    }
}

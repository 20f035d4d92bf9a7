package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresAlertLifecycleIT extends AlertLifecycleContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

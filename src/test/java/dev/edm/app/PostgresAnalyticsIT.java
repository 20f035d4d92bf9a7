package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresAnalyticsIT extends AnalyticsContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

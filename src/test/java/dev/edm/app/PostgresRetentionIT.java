package dev.edm.app;

class PostgresRetentionIT extends RetentionContract {
    @Override
    String databaseUrl() {
        return dev.edm.testing.TestDatabases.freshPostgresUrl();
    }
}

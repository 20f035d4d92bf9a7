package dev.edm.app;

class PostgresSummaryIT extends SummaryContract {
    @Override
    String databaseUrl() {
        return dev.edm.testing.TestDatabases.freshPostgresUrl();
    }
}

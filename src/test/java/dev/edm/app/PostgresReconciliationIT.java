package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresReconciliationIT extends ReconciliationContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

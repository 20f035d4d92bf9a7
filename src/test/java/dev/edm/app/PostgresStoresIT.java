package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresStoresIT extends StoresContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

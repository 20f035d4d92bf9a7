package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresWooCommerceStateIT extends WooCommerceStateContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

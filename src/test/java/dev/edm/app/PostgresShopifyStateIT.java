package dev.edm.app;

import dev.edm.testing.TestDatabases;

class PostgresShopifyStateIT extends ShopifyStateContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

package dev.edm.app;

import dev.edm.testing.TestDatabases;

/** eBay end to end on PostgreSQL. */
class PostgresEbayStateIT extends EbayStateContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

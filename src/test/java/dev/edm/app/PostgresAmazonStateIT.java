package dev.edm.app;

import dev.edm.testing.TestDatabases;

/** Amazon end to end on PostgreSQL. */
class PostgresAmazonStateIT extends AmazonStateContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The Amazon receiver on PostgreSQL. */
class PostgresAmazonWebhookIT extends AmazonWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

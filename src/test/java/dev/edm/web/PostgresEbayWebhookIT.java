package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The eBay receivers on PostgreSQL. */
class PostgresEbayWebhookIT extends EbayWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The BigCommerce receiver and its API reads on PostgreSQL. */
class PostgresBigCommerceWebhookIT extends BigCommerceWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

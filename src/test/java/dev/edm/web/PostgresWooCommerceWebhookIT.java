package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The WooCommerce receiver on PostgreSQL. */
class PostgresWooCommerceWebhookIT extends WooCommerceWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The Shopify receiver on PostgreSQL. */
class PostgresShopifyWebhookIT extends ShopifyWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

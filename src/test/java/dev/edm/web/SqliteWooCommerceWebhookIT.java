package dev.edm.web;

/** The WooCommerce receiver on the embedded SQLite database. */
class SqliteWooCommerceWebhookIT extends WooCommerceWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

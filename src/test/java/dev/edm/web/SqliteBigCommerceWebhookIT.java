package dev.edm.web;

/** The BigCommerce receiver and its API reads on the embedded SQLite database. */
class SqliteBigCommerceWebhookIT extends BigCommerceWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

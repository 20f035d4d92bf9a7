package dev.edm.web;

/** The Shopify receiver on the embedded SQLite database. */
class SqliteShopifyWebhookIT extends ShopifyWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

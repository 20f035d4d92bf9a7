package dev.edm.web;

/** The eBay receivers on the embedded SQLite database. */
class SqliteEbayWebhookIT extends EbayWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

package dev.edm.web;

/** The Amazon receiver on the embedded SQLite database. */
class SqliteAmazonWebhookIT extends AmazonWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

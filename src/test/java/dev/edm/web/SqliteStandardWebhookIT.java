package dev.edm.web;

/** The Standard Webhooks receiver on the embedded SQLite database. */
class SqliteStandardWebhookIT extends StandardWebhookContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

package dev.edm.web;

import dev.edm.testing.TestDatabases;

/** The Standard Webhooks receiver on PostgreSQL. */
class PostgresStandardWebhookIT extends StandardWebhookContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

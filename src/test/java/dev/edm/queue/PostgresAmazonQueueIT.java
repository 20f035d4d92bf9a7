package dev.edm.queue;

import dev.edm.testing.TestDatabases;

/** The SQS poller on PostgreSQL. */
class PostgresAmazonQueueIT extends AmazonQueueContract {
    @Override
    String databaseUrl() {
        return TestDatabases.freshPostgresUrl();
    }
}

package dev.edm.queue;

/** The SQS poller on SQLite. */
class SqliteAmazonQueueIT extends AmazonQueueContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

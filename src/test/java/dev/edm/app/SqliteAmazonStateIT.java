package dev.edm.app;

/** Amazon end to end on SQLite. */
class SqliteAmazonStateIT extends AmazonStateContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

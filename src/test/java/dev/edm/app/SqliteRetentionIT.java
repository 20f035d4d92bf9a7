package dev.edm.app;

class SqliteRetentionIT extends RetentionContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

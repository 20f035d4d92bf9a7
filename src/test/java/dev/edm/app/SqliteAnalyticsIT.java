package dev.edm.app;

class SqliteAnalyticsIT extends AnalyticsContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

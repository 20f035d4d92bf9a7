package dev.edm.app;

class SqliteSummaryIT extends SummaryContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

package dev.edm.app;

class SqliteReconciliationIT extends ReconciliationContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

package dev.edm.app;

class SqliteAlertLifecycleIT extends AlertLifecycleContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

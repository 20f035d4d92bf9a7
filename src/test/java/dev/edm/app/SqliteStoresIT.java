package dev.edm.app;

class SqliteStoresIT extends StoresContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

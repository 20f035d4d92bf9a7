package dev.edm.app;

class SqliteWooCommerceStateIT extends WooCommerceStateContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

package dev.edm.app;

class PostgresShopifyPrivacyIT extends ShopifyPrivacyContract {
    @Override
    String databaseUrl() {
        return dev.edm.testing.TestDatabases.freshPostgresUrl();
    }
}

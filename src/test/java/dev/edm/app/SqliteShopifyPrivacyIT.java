package dev.edm.app;

class SqliteShopifyPrivacyIT extends ShopifyPrivacyContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

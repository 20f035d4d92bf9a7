package dev.edm.app;

class SqliteShopifyStateIT extends ShopifyStateContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

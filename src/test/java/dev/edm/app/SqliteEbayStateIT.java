package dev.edm.app;

/** eBay end to end on SQLite. */
class SqliteEbayStateIT extends EbayStateContract {
    @Override
    String databaseUrl() {
        return null;
    }
}

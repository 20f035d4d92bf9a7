package dev.edm.sync;

import java.time.Instant;

/** Reads one platform's stores from its API. */
interface StoreReader {
    /** Where each read resource and page goes. */
    interface Sink {
        void accept(SyncDocument document) throws SyncException;

        void page();
    }

    /** Whether edm has credentials to read this store. */
    boolean canRead(String store);

    /** Reads catalog, stock and orders of the window, handing each resource to the sink as it is read. */
    void read(String store, ReadWindow window, Sink sink) throws SyncException;

    /** The document saying that a product the API no longer lists is gone. */
    SyncDocument deleted(String productId, Instant at);
}

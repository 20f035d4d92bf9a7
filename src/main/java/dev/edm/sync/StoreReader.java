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

    /**
     * A product edm knows that the catalog read did not list, read on its own: the document saying it is gone
     * when the API no longer has it, else the product as it now is (e.g. a status the list leaves out).
     */
    SyncDocument unlisted(String store, String productId, Instant at) throws SyncException;
}

package dev.edm.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import dev.edm.ingest.InboxInsert;
import dev.edm.ingest.IngestResult;
import dev.edm.inventory.KnownState;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's reconciliation run as the reader feeds it: each resource interpreted by the platform's adapter
 * (SKUs mapped as for webhooks) and compared with what edm knows; what differs is stored in the inbox as a
 * reconciliation delivery, a hundred at a time. Counts what was read and what differed.
 */
final class SyncRun implements StoreReader.Sink {
    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);
    private static final int FLUSH_EVERY = 100;

    private final Database db;
    private final WebhookAdapter adapter;
    private final UnaryOperator<List<DeliveryEvents>> skuRewrite;
    private final Clock clock;
    private final StoreKey store;
    private final Instant started;
    private final KnownState known;
    final Set<String> seenProducts = new HashSet<>();
    final Map<DifferenceKind, Integer> read = new EnumMap<>(DifferenceKind.class);
    final Map<DifferenceKind, Integer> differences = new EnumMap<>(DifferenceKind.class);
    private final List<SyncDocument> pending = new ArrayList<>();
    int pages;
    int stored;
    boolean deleting;

    SyncRun(
            Database db,
            WebhookAdapter adapter,
            UnaryOperator<List<DeliveryEvents>> skuRewrite,
            Clock clock,
            StoreKey store,
            Instant started,
            KnownState known) {
        this.db = db;
        this.adapter = adapter;
        this.skuRewrite = skuRewrite;
        this.clock = clock;
        this.store = store;
        this.started = started;
        this.known = known;
        for (DifferenceKind k : DifferenceKind.values()) {
            read.put(k, 0);
            differences.put(k, 0);
        }
    }

    @Override
    public void page() {
        pages++;
    }

    @Override
    public void accept(SyncDocument doc) {
        List<CanonicalEvent> events;
        try {
            events = adapter.interpret(doc.topic(), store.store(), doc.body(), started);
        } catch (UnreadablePayloadException e) {
            log.warn(
                    "{} {} {} from the API cannot be understood: {}",
                    store,
                    doc.kind().label(),
                    doc.resourceId(),
                    e.getMessage());
            return;
        }
        if (!deleting) {
            read.merge(doc.kind(), 1, Integer::sum);
        }
        List<CanonicalEvent> canonical = skuRewrite
                .apply(List.of(new DeliveryEvents(new Provenance(0, started), events)))
                .get(0)
                .events();
        for (CanonicalEvent e : canonical) {
            switch (e) {
                case ProductUpserted p -> seenProducts.add(p.productId());
                case VariantUpserted v -> seenProducts.add(v.productId());
                case ProductVariantsListed l -> seenProducts.add(l.productId());
                default -> {}
            }
        }
        if (Differences.any(canonical, known)) {
            differences.merge(doc.kind(), 1, Integer::sum);
            pending.add(doc);
            if (pending.size() >= FLUSH_EVERY) {
                flush();
            }
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.millis();
        int added = db.transaction(c -> {
            int n = 0;
            try (Session session = new Session(c)) {
                for (SyncDocument doc : pending) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("edm-source", "reconciliation");
                    headers.put("edm-sync-run", started.toString());
                    headers.put("edm-sync-resource", doc.kind().label() + " " + doc.resourceId());
                    String key = "sync:" + started.toEpochMilli() + ":" + doc.topic() + ":" + doc.resourceId();
                    DeliveryMeta meta = new DeliveryMeta(
                            store.store(), doc.topic(), key, null, started.toString(), null, true, headers);
                    IngestResult r =
                            InboxInsert.insert(session, store.platform(), meta, headersJson(headers), doc.body(), now);
                    if (r instanceof IngestResult.Accepted) {
                        n++;
                    }
                }
            }
            return n;
        });
        stored += added;
        pending.clear();
    }

    private static String headersJson(Map<String, String> headers) {
        try {
            return Documents.JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

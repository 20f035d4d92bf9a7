package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What edm holds about a person: the stored deliveries of one store that name them (found through the
 * personal-data index, by the identifier the platform's rules index, e.g. {@code customer:191167} for Shopify).
 * Derived state holds no personal data (sales keep order, line, SKU, quantity and price only).
 */
public final class PrivacyExport {
    private final Database db;

    /** One stored delivery naming the person, with its body as stored. */
    public record Held(long id, String topic, Instant receivedAt, String body) {}

    public PrivacyExport(Database db) {
        this.db = db;
    }

    public List<Held> deliveriesNaming(Platform platform, String store, String identifier) {
        String subject = ErasingHandler.hashes(Set.of(identifier)).iterator().next();
        return db.read(c -> Sql.query(
                c,
                "SELECT d.id, d.topic, d.received_at, b.body FROM personal_ref p JOIN delivery d ON d.id = p.delivery_id "
                        + "JOIN delivery_body b ON b.delivery_id = d.id "
                        + "WHERE p.platform = ? AND p.subject = ? AND d.store = ? ORDER BY d.id",
                rs -> new Held(
                        rs.getLong(1),
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8)),
                platform.id(),
                subject,
                store));
    }
}

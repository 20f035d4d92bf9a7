package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.List;

/**
 * The one place that puts a delivery into the inbox, deduplicated on (platform, webhook id): its row, then its
 * raw body (kept apart: the row is rewritten when processed, the body never is). Used by the group-commit
 * writer for webhooks and by follow-up readers and reconciliation for the documents they fetch.
 */
public final class InboxInsert {
    private static final String INSERT =
            "INSERT INTO delivery (platform, store, topic, webhook_id, event_id, triggered_at, "
                    + "api_version, received_at, signed, headers, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (platform, webhook_id) DO NOTHING RETURNING id";
    private static final String INSERT_BODY = "INSERT INTO delivery_body (delivery_id, body) VALUES (?, ?)";
    private static final String INSERT_JOURNALED =
            "INSERT INTO delivery (id, platform, store, topic, webhook_id, event_id, triggered_at, "
                    + "api_version, received_at, signed, headers, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT id FROM delivery WHERE platform = ? AND webhook_id = ?";

    private InboxInsert() {}

    /** Inserts a pending delivery in the caller's transaction: Accepted, or Duplicate of the stored one. */
    public static IngestResult insert(
            Session s, Platform platform, DeliveryMeta m, String headersJson, byte[] body, long receivedAtMillis)
            throws SQLException {
        List<Long> inserted =
                s.query(INSERT, rs -> rs.getLong(1), row(null, platform, m, headersJson, receivedAtMillis));
        if (!inserted.isEmpty()) {
            s.update(INSERT_BODY, inserted.get(0), body);
            return new IngestResult.Accepted(inserted.get(0));
        }
        long existing = s.queryOne(FIND, rs -> rs.getLong(1), platform.id(), m.webhookId())
                .orElseThrow(() -> new SQLException("delivery " + m.webhookId() + " conflicted but cannot be found"));
        return new IngestResult.Duplicate(existing);
    }

    /**
     * Inserts a delivery from the inbox journal with the id it was acknowledged with; nothing when that id or
     * its webhook id is already stored (a record imported before a crash, imported again).
     */
    static void insertJournaled(
            Session s,
            long id,
            Platform platform,
            DeliveryMeta m,
            String headersJson,
            byte[] body,
            long receivedAtMillis)
            throws SQLException {
        int inserted = s.update(INSERT_JOURNALED, row(id, platform, m, headersJson, receivedAtMillis));
        if (inserted == 1) {
            s.update(INSERT_BODY, id, body);
        }
    }

    /** The values of a new delivery row: its id first when given, then the columns both inserts name. */
    private static Object[] row(Long id, Platform platform, DeliveryMeta m, String headersJson, long receivedAtMillis) {
        Object[] values = {
            platform.id(),
            m.store(),
            m.topic(),
            m.webhookId(),
            m.eventId(),
            m.triggeredAt(),
            m.apiVersion(),
            receivedAtMillis,
            m.signed() ? 1 : 0,
            headersJson,
            DeliveryStatus.PENDING.id()
        };
        if (id == null) {
            return values;
        }
        Object[] withId = new Object[values.length + 1];
        withId[0] = id;
        System.arraycopy(values, 0, withId, 1, values.length);
        return withId;
    }
}

package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;

/**
 * Where alert notices go: called inside the transaction that changed the alert, so a durable outbox commits
 * together with the alert change (or not at all). Implemented by the notify feature; wired in {@code app}.
 */
@FunctionalInterface
public interface AlertSink {
    /** Accepts no notices (offline commands, replay). */
    AlertSink NONE = (session, notice) -> {};

    void accept(Session session, AlertNotice notice) throws SQLException;
}

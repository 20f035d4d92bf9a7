package dev.edm.alerts;

import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The alert table's columns and row mapping, shared by listing, evaluation and transitions. */
final class AlertRows {
    static final String COLUMNS = "id, rule, severity, store, variant_id, location_id, sku, title, status, opened_at, "
            + "resolved_at, reason, resolve_reason, current_value, threshold, state, acknowledged_at, acknowledged_by, "
            + "snoozed_until, last_notified_at";

    private AlertRows() {}

    static Optional<Alert> byId(Session s, long id) throws SQLException {
        return s.queryOne("SELECT " + COLUMNS + " FROM alert WHERE id = ?", AlertRows::row, id);
    }

    static Alert row(ResultSet rs) throws SQLException {
        return new Alert(
                rs.getLong("id"),
                Rule.fromId(rs.getString("rule")).orElseThrow(),
                rs.getString("severity"),
                rs.getString("store"),
                rs.getString("variant_id"),
                rs.getString("location_id"),
                rs.getString("sku"),
                rs.getString("title"),
                rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("opened_at")),
                instant(rs, "resolved_at"),
                rs.getString("reason"),
                rs.getString("resolve_reason"),
                Sql.getInt(rs, "current_value"),
                Sql.getInt(rs, "threshold"),
                rs.getString("state"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "snoozed_until"),
                instant(rs, "last_notified_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = Sql.getLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}

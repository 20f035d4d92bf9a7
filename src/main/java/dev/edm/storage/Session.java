package dev.edm.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection inside one transaction with its prepared statements cached by SQL text, so hot paths that
 * run the same statements thousands of times (processing, replay) compile each once.
 */
public final class Session implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    public Session(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Runs {@code action} once the current transaction has committed (only on a pinned connection, see
     * {@link Database#pin()}; elsewhere never). A transaction that fails, or any rollback to a savepoint
     * ({@link #rollback(Savepoint)}), drops the actions registered so far.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Rolls back to the savepoint and drops the {@link #afterCommit} actions: what they vouched for may be gone. */
    public void rollback(Savepoint savepoint) throws SQLException {
        afterCommit.clear();
        connection.rollback(savepoint);
    }

    /** A transaction starts (or ended without committing): actions of an earlier one are dropped. */
    void beginTransaction() {
        afterCommit.clear();
    }

    /** The transaction committed: runs and drops the {@link #afterCommit} actions. */
    void committed() {
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        actions.forEach(Runnable::run);
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        ps.clearParameters();
        Sql.bind(ps, params);
        return ps;
    }

    public int update(String sql, Object... params) throws SQLException {
        return prepare(sql, params).executeUpdate();
    }

    /** Runs one statement for each parameter row as a JDBC batch; returns the total of updated rows. */
    public long batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        for (Object[] row : rows) {
            ps.clearParameters();
            Sql.bind(ps, row);
            ps.addBatch();
        }
        long total = 0;
        for (int n : ps.executeBatch()) {
            total += Math.max(n, 0);
        }
        return total;
    }

    public <T> List<T> query(String sql, Sql.RowMapper<T> mapper, Object... params) throws SQLException {
        try (ResultSet rs = prepare(sql, params).executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    public <T> Optional<T> queryOne(String sql, Sql.RowMapper<T> mapper, Object... params) throws SQLException {
        try (ResultSet rs = prepare(sql, params).executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing a statement of a finished transaction
            }
        }
        statements.clear();
    }
}

package dev.edm.testing;

import dev.edm.alerts.AlertSink;
import dev.edm.app.App;
import dev.edm.config.Config;
import dev.edm.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A real edm App on a free port with its own folders and database, plus direct SQL access to check outcomes. */
public final class RunningApp implements AutoCloseable {
    private final App app;
    private final Config config;
    private final ShopifyRequests http;

    private RunningApp(App app, Config config) {
        this.app = app;
        this.config = config;
        this.http = new ShopifyRequests(app.port());
    }

    /** Starts an App; {@code databaseUrl} null means SQLite under {@code dir}. */
    public static RunningApp start(Path dir, String databaseUrl, Map<String, String> variables) {
        return start(dir, databaseUrl, variables, Clock.systemUTC());
    }

    /** Starts an App on the given clock. */
    public static RunningApp start(Path dir, String databaseUrl, Map<String, String> variables, Clock clock) {
        Config config = config(dir, databaseUrl, variables);
        return new RunningApp(App.start(config, clock), config);
    }

    /** Starts an App on the given clock whose alert notices go to {@code sink}. */
    public static RunningApp start(
            Path dir, String databaseUrl, Map<String, String> variables, Clock clock, AlertSink sink) {
        Config config = config(dir, databaseUrl, variables);
        return new RunningApp(App.start(config, clock, sink), config);
    }

    private static Config config(Path dir, String databaseUrl, Map<String, String> variables) {
        Map<String, String> env = new HashMap<>();
        env.put("EDM_HOST", "127.0.0.1");
        env.put("EDM_PORT", "0");
        env.put("EDM_DATA_DIR", dir.resolve("data").toString());
        env.put("EDM_OUTPUT_DIR", dir.resolve("output").toString());
        env.put("EDM_LOG_DIR", dir.resolve("logs").toString());
        env.put("EDM_MIN_FREE_MB", "1");
        if (databaseUrl != null) {
            env.put("EDM_DATABASE_URL", databaseUrl);
        }
        env.putAll(variables);
        return ConfigLoader.load(env);
    }

    public ShopifyRequests http() {
        return http;
    }

    public int port() {
        return app.port();
    }

    public App app() {
        return app;
    }

    public Config config() {
        return config;
    }

    /** Runs a query returning one number, straight against the database. */
    public long count(String sql, Object... params) {
        try (Connection c = connect()) {
            return TestDatabases.count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query returning one string. */
    public String text(String sql, Object... params) {
        return one(sql, rs -> rs.next() ? rs.getString(1) : null, params);
    }

    /** Runs a query returning one binary value (e.g. a stored body). */
    public byte[] bytes(String sql, Object... params) {
        return one(sql, rs -> rs.next() ? rs.getBytes(1) : null, params);
    }

    /** Reads a result. */
    private interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T one(String sql, ResultReader<T> reader, Object... params) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        var db = config.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Waits until the query returns the expected number, or fails after the timeout. */
    public void awaitCount(long expected, long timeoutMillis, String sql, Object... params) {
        Await.count(expected, timeoutMillis, () -> count(sql, params), "[" + sql + "]");
    }

    @Override
    public void close() {
        app.close();
    }
}

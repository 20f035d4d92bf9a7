package dev.edm.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Databases for tests: a fresh SQLite file, or a fresh schema on the PostgreSQL server named by
 * {@code EDM_TEST_DATABASE_URL} (default: the machine's server at 127.0.0.1:5432, user postgres, database test).
 * Schemas made here are dropped when the test JVM exits.
 */
public final class TestDatabases {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final List<String> SCHEMAS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas));
    }

    private TestDatabases() {}

    public static String postgresBaseUrl() {
        String url = System.getenv("EDM_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** A JDBC URL for a new, empty schema on the test PostgreSQL server. */
    public static synchronized String freshPostgresUrl() {
        String schema =
                "edm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(postgresBaseUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL for tests is not reachable at " + postgresBaseUrl() + " (set EDM_TEST_DATABASE_URL): "
                            + e.getMessage(),
                    e);
        }
        SCHEMAS.add(schema);
        String base = postgresBaseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs a query returning one number straight against a database (e.g. past a cut proxy). */
    public static long count(String url, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url)) {
            return count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query returning one number on the connection. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static synchronized void dropSchemas() {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(postgresBaseUrl());
                Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException ignored) {
            // best effort at JVM exit
        }
    }
}

package dev.edm.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.edm.config.DatabaseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a pooled DataSource for SQLite (WAL, fsync on commit) or PostgreSQL, migrated by Flyway
 * on open. Runs work in transactions and turns every {@link SQLException} into {@link StorageException}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final DatabaseSettings.Kind kind;
    /**
     * SQLite allows one writer at a time and makes the others sleep-and-retry (up to 100 ms a try). Taking
     * this fair lock before every write transaction in this process hands the write lock over at once instead.
     */
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    private volatile Thread checkpointer;
    private static final int WRITER_AUTOCHECKPOINT_PAGES = 16_384;
    /**
     * SQLite: the one connection all pinned writers share (they take turns on {@link #sqliteWriter} anyway).
     * SQLite drops a connection's whole page cache when another connection has written, so with one connection
     * per writer the inbox and the processor would reread every page after each other's commits.
     */
    private final Pinned sharedSqliteWriter = new Pinned();

    /** Work done with a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Database(HikariDataSource dataSource, DatabaseSettings.Kind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** Opens the pool and applies pending migrations; throws {@link StorageException} when unreachable. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(settings.jdbcUrl());
        hc.setPoolName("edm-db");
        hc.setConnectionTimeout(3_000);
        hc.setValidationTimeout(1_000);
        if (settings.user() != null) {
            hc.setUsername(settings.user());
        }
        if (settings.password() != null) {
            hc.setPassword(settings.password());
        }
        if (settings.kind() == DatabaseSettings.Kind.SQLITE) {
            hc.setMaximumPoolSize(8);
            hc.addDataSourceProperty("journal_mode", "WAL");
            // no "SELECT last_insert_rowid()" after every INSERT: nothing here reads generated keys (RETURNING)
            hc.addDataSourceProperty("jdbc.get_generated_keys", "false");
            hc.addDataSourceProperty("synchronous", "FULL");
            hc.addDataSourceProperty("busy_timeout", "10000");
            // the default 2 MB page cache turns every index lookup of a large inbox into read syscalls
            hc.addDataSourceProperty("cache_size", "-65536");
            hc.addDataSourceProperty("mmap_size", "1073741824");
            hc.addDataSourceProperty("foreign_keys", "true");
        } else {
            hc.setMaximumPoolSize(10);
            hc.addDataSourceProperty("connectTimeout", "3");
            hc.addDataSourceProperty("socketTimeout", "30");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + settings.displayUrl() + ": " + rootMessage(e), e);
        }
        Database db = new Database(ds, settings.kind());
        try {
            db.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StorageException("cannot migrate " + settings.displayUrl() + ": " + rootMessage(e), e);
        }
        return db;
    }

    /**
     * The newest migration under {@code db/migration} (a test keeps it so): a database already there needs no
     * Flyway, which takes a third of a second to load and scan at every start of a command.
     */
    static final String LATEST_MIGRATION = "69";

    /** Whether the schema history's newest successful migration is {@link #LATEST_MIGRATION}. */
    private boolean upToDate() {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() && LATEST_MIGRATION.equals(rs.getString(1));
        } catch (SQLException e) {
            return false; // a new database (no history yet): Flyway creates it
        }
    }

    private void migrate() {
        if (upToDate()) {
            return;
        }
        boolean sqlite = kind == DatabaseSettings.Kind.SQLITE;
        Map<String, String> placeholders = Map.of(
                "id_pk",
                        sqlite
                                ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                "blob", sqlite ? "BLOB" : "BYTEA",
                "without_rowid", sqlite ? "WITHOUT ROWID" : "",
                // a primary key that is another table's id (on SQLite the rowid itself: no separate index)
                "ref_pk", sqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY");
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("database migrated to version {}", result.targetSchemaVersion);
        }
    }

    public DatabaseSettings.Kind kind() {
        return kind;
    }

    /**
     * What follows a text expression in ORDER BY to sort in byte order, as Java compares strings (SQLite's
     * default; PostgreSQL's database collation would order differently).
     */
    public String byteOrder() {
        return kind == DatabaseSettings.Kind.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(Work<T> work) {
        return transaction(work, true);
    }

    /**
     * Runs work in one transaction. With {@code durable} false, SQLite commits without waiting for the disk
     * (the database stays consistent; the transaction may be lost on power failure). Only for work that is
     * redone when lost, such as processing, whose deliveries stay pending until their commit lands.
     */
    public <T> T transaction(Work<T> work, boolean durable) {
        lockWriter();
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work, durable);
        } catch (SQLException e) {
            throw new StorageException("database error: " + e.getMessage(), e);
        } finally {
            unlockWriter();
        }
    }

    /**
     * A connection kept for one long-lived worker (the inbox writer, the processor) with its prepared
     * statements cached across transactions. The connection is replaced after a failure. On SQLite, all workers
     * share one such connection, one transaction at a time.
     */
    public Pinned pin() {
        return kind == DatabaseSettings.Kind.SQLITE ? sharedSqliteWriter : new Pinned();
    }

    /** See {@link #pin()}. */
    public final class Pinned implements AutoCloseable {
        private Connection connection;
        private Session session;

        private Pinned() {}

        /** Runs work in one transaction on the pinned connection, with its statement cache. */
        public <T> T transaction(SessionWork<T> work, boolean durable) {
            lockWriter();
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    if (kind == DatabaseSettings.Kind.SQLITE) {
                        // the background checkpointer copies the WAL into the database; a commit here does it
                        // only when that falls far behind, so webhook commits do not wait for it
                        pragma(connection, "PRAGMA wal_autocheckpoint = " + WRITER_AUTOCHECKPOINT_PAGES);
                    }
                    session = new Session(connection);
                }
                Session s = session;
                s.beginTransaction();
                T result = inTransaction(connection, c -> work.run(s), durable);
                s.committed();
                return result;
            } catch (SQLException e) {
                close(); // the next transaction starts on a fresh connection
                throw new StorageException("database error: " + e.getMessage(), e);
            } catch (StorageException e) {
                close();
                throw e;
            } finally {
                unlockWriter();
            }
        }

        /** Closes the connection (a shared SQLite one is opened again by the next transaction). */
        @Override
        public void close() {
            lockWriter();
            try {
                closeConnection();
            } finally {
                unlockWriter();
            }
        }

        private void closeConnection() {
            closeQuietly(session, connection);
            session = null;
            connection = null;
        }
    }

    /** Work done with a session (a connection plus its statement cache). */
    @FunctionalInterface
    public interface SessionWork<T> {
        T run(Session s) throws SQLException;
    }

    private void lockWriter() {
        if (kind == DatabaseSettings.Kind.SQLITE) {
            sqliteWriter.lock();
        }
    }

    private void unlockWriter() {
        if (kind == DatabaseSettings.Kind.SQLITE) {
            sqliteWriter.unlock();
        }
    }

    private <T> T inTransaction(Connection c, Work<T> work, boolean durable) throws SQLException {
        boolean relaxed = kind == DatabaseSettings.Kind.SQLITE && !durable;
        if (relaxed) {
            pragma(c, "PRAGMA synchronous = NORMAL");
        }
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
            if (relaxed) {
                pragma(c, "PRAGMA synchronous = FULL");
            }
        }
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * For SQLite, copies the write-ahead log into the database file in the background (a passive checkpoint
     * every 100 ms, so each copies little and its fsync is short), so the writer that answers webhooks rarely pays for it.
     */
    public void startBackgroundCheckpoints() {
        if (kind != DatabaseSettings.Kind.SQLITE || checkpointer != null) {
            return;
        }
        checkpointer = Thread.ofPlatform()
                .name("edm-sqlite-checkpoint")
                .daemon()
                .start(() -> {
                    while (!Thread.currentThread().isInterrupted() && !dataSource.isClosed()) {
                        try {
                            Thread.sleep(100);
                            read(c -> {
                                pragma(c, "PRAGMA wal_checkpoint(PASSIVE)");
                                return null;
                            });
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            log.debug("checkpoint skipped: {}", e.getMessage());
                        }
                    }
                });
    }

    /**
     * A connection kept for one worker's frequent small reads (the inbox journal's duplicate check), with its
     * prepared statements cached; not thread-safe. The connection is replaced after a failure.
     */
    public Reader reader() {
        return new Reader();
    }

    /** See {@link #reader()}. */
    public final class Reader implements AutoCloseable {
        private Connection connection;
        private Session session;

        private Reader() {}

        /** Runs read-only work in auto-commit mode on the kept connection. */
        public <T> T read(SessionWork<T> work) {
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    session = new Session(connection);
                }
                return work.run(session);
            } catch (SQLException e) {
                close();
                throw new StorageException("database error: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            closeQuietly(session, connection);
            session = null;
            connection = null;
        }
    }

    /** Closes a kept session and its connection (either may be null); a broken connection is discarded anyway. */
    private static void closeQuietly(Session session, Connection connection) {
        if (session != null) {
            session.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // discarded anyway
            }
        }
    }

    /** Runs read-only work in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("database error: " + e.getMessage(), e);
        }
    }

    /** True when the database answers a trivial query within a second. */
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        Thread t = checkpointer;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dataSource.close();
    }
}

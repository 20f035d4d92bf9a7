package dev.edm.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the rows of {@link PackedColumns#select} queries on a thread of its own while the caller uses them, in
 * chunks through a short queue: the database steps and copies rows on one core while the caller groups and
 * writes them on another (a report of a million rows spends about as long in each). Rows reach the caller in
 * the order of the queries and of their results, in one read-only transaction (PostgreSQL streams them with a
 * fetch size there). An error on either side stops both and is thrown to the caller.
 */
public final class PackedStream {
    /** One query and its parameters. */
    public record Query(String sql, List<Object> params) {
        /** {@code SELECT} of {@code columns} packed (see {@link PackedColumns#select}), then {@code rest}. */
        public static Query of(List<String> columns, String rest, List<Object> params) {
            return new Query("SELECT " + PackedColumns.select(columns) + " " + rest, params);
        }
    }

    private static final int CHUNK = 2048;

    private static final int QUEUE = 8;

    /** A run of rows: packed bytes, and a row's values one by one where it could not be split. */
    private static final class Chunk {
        final byte[][] packed = new byte[CHUNK][];
        final String[][] values = new String[CHUNK][];
        int size;
        Throwable error; // the reader failed: thrown to the caller after the rows before it
        boolean last;
    }

    private PackedStream() {}

    /**
     * Runs {@code queries} (each selecting {@code row}'s count of packed values), loading each row into
     * {@code row} and then running {@code each}; returns when all rows are used.
     */
    public static void read(Database db, List<Query> queries, PackedRow row, Runnable each) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean stop = new AtomicBoolean();
        int columns = row.count();
        Thread reader = Thread.ofPlatform()
                .name("edm-read-ahead")
                .daemon(true)
                .start(() -> readAll(db, queries, columns, queue, stop));
        boolean done = false;
        try {
            while (!done) {
                Chunk chunk = queue.take();
                for (int i = 0; i < chunk.size; i++) {
                    row.load(chunk.packed[i], chunk.values[i]);
                    each.run();
                }
                if (chunk.error != null) {
                    throw rethrown(chunk.error);
                }
                done = chunk.last;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while reading", new SQLException(e));
        } finally {
            if (!done) {
                stop.set(true);
                queue.clear(); // a reader blocked on a full queue sees the stop within its offer's wait
            }
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void readAll(
            Database db, List<Query> queries, int columns, BlockingQueue<Chunk> queue, AtomicBoolean stop) {
        Chunk[] chunk = {new Chunk()};
        try {
            db.read(c -> {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
                try {
                    for (Query q : queries) {
                        if (!query(c, q, columns, queue, stop, chunk)) {
                            return null;
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(autoCommit);
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            chunk[0].error = e;
        }
        chunk[0].last = true;
        put(queue, stop, chunk[0]);
    }

    /** Reads one query's rows into chunks; false when the caller stopped. */
    private static boolean query(
            Connection c, Query q, int columns, BlockingQueue<Chunk> queue, AtomicBoolean stop, Chunk[] current)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            ps.setFetchSize(CHUNK);
            Sql.bind(ps, q.params().toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Chunk chunk = current[0];
                    int i = chunk.size;
                    byte[] packed = rs.getBytes(1);
                    chunk.packed[i] = packed;
                    chunk.values[i] = PackedRow.splits(packed, columns) ? null : PackedRow.values(rs, 1, columns);
                    if (++chunk.size == CHUNK) {
                        current[0] = new Chunk();
                        if (!put(queue, stop, chunk)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** Hands a chunk over, waiting while the queue is full; false when the caller stopped. */
    private static boolean put(BlockingQueue<Chunk> queue, AtomicBoolean stop, Chunk chunk) {
        try {
            while (!stop.get()) {
                if (queue.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }
}

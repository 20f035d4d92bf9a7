package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.storage.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's append-only journal (SQLite only): while webhooks arrive faster than single deliveries can be
 * committed to the database, each group of verified deliveries is appended here and flushed to disk (one
 * fdatasync per group) before it is acknowledged, and a background importer moves the records into the
 * {@code delivery} table later. Acknowledged means on disk either way, so a crash loses nothing: records not
 * yet imported are imported at the next start. Writing one file sequentially costs a few microseconds per
 * delivery where a database commit costs tens (indexes, write-ahead log, checkpoint copies).
 *
 * <p>Files {@code NNNNNNNNNNNNNNNNNNNN.journal} (named by their first delivery id, about 64 MB each) hold
 * records of {@code [magic][payload length][CRC-32C of payload][payload]}; a file is deleted once all its
 * records are in the database. A record cut short by a crash (never acknowledged: the flush had not returned) ends the
 * last file and is dropped when the journal is opened again.
 */
final class InboxJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxJournal.class);
    private static final int MAGIC = 0x45444d4a; // "EDMJ"
    private static final int HEADER = 12;
    private static final long SEGMENT_BYTES = 64L << 20;
    private static final String SUFFIX = ".journal";

    /** A delivery in the journal, with the id it was acknowledged with. */
    record Entry(long id, NewDelivery delivery) {}

    /** A position in the journal: a file and an offset in it. */
    record Position(Path file, long offset) {}

    private final Path dir;
    private FileChannel out; // the file being appended to; writer thread only
    private volatile Path outFile;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final CRC32C crc = new CRC32C();

    private final FileChannel lockFile;
    private final FileLock lock;

    private InboxJournal(Path dir, FileChannel lockFile, FileLock lock) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Another process (or instance) holds the journal folder: it imports and deletes the files there. */
    static final class Busy extends RuntimeException {
        Busy(Path dir) {
            super("another edm process uses the inbox journal in " + dir);
        }
    }

    /**
     * Opens the journal folder (made when missing) for this process alone: a second server on the same data
     * folder would import, and delete, files the first is still appending to. Throws {@link Busy} when another
     * holds it; {@link #files} lists what a previous run left.
     */
    static InboxJournal open(Path dir) {
        FileChannel lockFile = null;
        try {
            Files.createDirectories(dir);
            lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                throw new Busy(dir);
            }
            return new InboxJournal(dir, lockFile, lock);
        } catch (IOException e) {
            if (lockFile != null) {
                try {
                    lockFile.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw new StorageException("inbox journal folder " + dir + " cannot be used: " + e, e);
        }
    }

    /** The journal files in order (oldest first). */
    List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("inbox journal folder " + dir + " cannot be listed: " + e, e);
        }
    }

    /**
     * Appends the entries and flushes them to disk; returns where they end. The entries' ids must grow. A
     * failed append is cut off again (so later appends follow the last good record) and thrown.
     */
    Position append(List<Entry> entries) {
        buffer.clear();
        for (Entry e : entries) {
            encode(e);
        }
        buffer.flip();
        long before = -1;
        try {
            if (out == null || (out.position() > 0 && out.position() + buffer.remaining() > SEGMENT_BYTES)) {
                roll(entries.get(0).id());
            }
            before = out.position();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
            return new Position(outFile, out.position());
        } catch (IOException e) {
            cutBack(before);
            throw new StorageException("inbox journal write failed: " + e, e);
        }
    }

    private void cutBack(long before) {
        if (out == null || before < 0) {
            return;
        }
        try {
            out.truncate(before);
            out.position(before);
        } catch (IOException e) {
            log.warn("inbox journal: cutting a failed append failed ({}); starting a new file", e.toString());
            closeOut();
        }
    }

    private void roll(long firstId) throws IOException {
        closeOut();
        Path file = dir.resolve(String.format("%020d%s", firstId, SUFFIX));
        // a file made ahead and filled with zeros would make each flush cheaper, but filling it costs more
        // than that saves (measured): a plain growing file
        out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        outFile = file;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new file's name survives a power cut too
        } catch (IOException e) {
            log.debug("inbox journal: folder not flushed ({})", e.toString());
        }
    }

    /** The file being appended to; null before the first append and after {@link #retire}. */
    Path current() {
        return outFile;
    }

    /** Ends the current file: the next append starts a new one (so an imported file can be deleted). */
    void retire() {
        closeOut();
    }

    private void closeOut() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("inbox journal: closing {} failed ({})", outFile, e.toString());
            }
            out = null;
            outFile = null;
        }
    }

    @Override
    public void close() {
        closeOut();
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            log.debug("inbox journal: releasing the folder's lock failed ({})", e.toString());
        }
    }

    // --- records -------------------------------------------------------------------------------------------

    private void encode(Entry e) {
        NewDelivery d = e.delivery();
        DeliveryMeta m = d.meta();
        int start = buffer.position();
        ensure(HEADER + 64 + d.body().length + d.headersJson().length() * 3 + 6 * 1024);
        buffer.position(start + HEADER);
        buffer.putLong(e.id());
        putString(d.platform().id());
        putString(m.store());
        putString(m.topic());
        putString(m.webhookId());
        putString(m.eventId());
        putString(m.triggeredAt());
        putString(m.apiVersion());
        buffer.put((byte) (m.signed() ? 1 : 0));
        putString(d.headersJson());
        buffer.putLong(d.receivedAtMillis());
        buffer.putInt(d.body().length);
        buffer.put(d.body());
        int end = buffer.position();
        crc.reset();
        crc.update(buffer.array(), start + HEADER, end - start - HEADER);
        buffer.putInt(start, MAGIC);
        buffer.putInt(start + 4, end - start - HEADER);
        buffer.putInt(start + 8, (int) crc.getValue());
    }

    private void putString(String s) {
        if (s == null) {
            buffer.putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + bytes.length);
        buffer.putInt(bytes.length);
        buffer.put(bytes);
    }

    private void ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    /** Reads a file's records from {@code offset} on: each complete, checked record until the end or a bad one. */
    static final class Reader implements AutoCloseable {
        private final FileChannel in;
        private final Path file;
        private final ByteBuffer header = ByteBuffer.allocate(HEADER);
        private final CRC32C crc = new CRC32C();
        private long offset;
        private boolean damaged;

        Reader(Path file, long offset) throws IOException {
            this.file = file;
            this.in = FileChannel.open(file, StandardOpenOption.READ);
            this.offset = offset;
        }

        /** The offset after the last record read. */
        long offset() {
            return offset;
        }

        /** Whether reading stopped at a record that is cut short or fails its checksum. */
        boolean damaged() {
            return damaged;
        }

        /** The next record that ends at or before {@code limit}; null at the limit or at a damaged record. */
        Entry next(long limit) throws IOException {
            if (offset + HEADER > limit) {
                damaged = offset < limit;
                return null;
            }
            header.clear();
            readFully(header, offset);
            header.flip();
            int magic = header.getInt();
            int length = header.getInt();
            int expected = header.getInt();
            if (magic == 0 && length == 0 && expected == 0) {
                return null; // zeros (a file system may show them after a crash): the end of what was written
            }
            if (magic != MAGIC || length < 0 || offset + HEADER + length > limit) {
                damaged = true;
                return null;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(payload, offset + HEADER);
            crc.reset();
            crc.update(payload.array(), 0, length);
            if ((int) crc.getValue() != expected) {
                damaged = true;
                return null;
            }
            payload.flip();
            Entry entry = decode(payload);
            offset += HEADER + length;
            return entry;
        }

        private void readFully(ByteBuffer b, long at) throws IOException {
            long pos = at;
            while (b.hasRemaining()) {
                int n = in.read(b, pos);
                if (n < 0) {
                    throw new EOFException("inbox journal " + file + " ends inside a record");
                }
                pos += n;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Entry decode(ByteBuffer b) {
        long id = b.getLong();
        String platformId = getString(b);
        Platform platform = Platform.fromId(platformId)
                .orElseThrow(() -> new IllegalStateException("unknown platform in inbox journal: " + platformId));
        String store = getString(b);
        String topic = getString(b);
        String webhookId = getString(b);
        String eventId = getString(b);
        String triggeredAt = getString(b);
        String apiVersion = getString(b);
        boolean signed = b.get() == 1;
        String headersJson = getString(b);
        long receivedAt = b.getLong();
        byte[] body = new byte[b.getInt()];
        b.get(body);
        DeliveryMeta meta =
                new DeliveryMeta(store, topic, webhookId, eventId, triggeredAt, apiVersion, signed, Map.of());
        return new Entry(id, new NewDelivery(platform, meta, headersJson, body, receivedAt));
    }

    private static String getString(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0) {
            return null;
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    /** All checked records of {@code file} (for reading what a previous run left); logs damage. */
    static List<Entry> readAll(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Reader r = new Reader(file, 0)) {
            long size = Files.size(file);
            Entry e;
            while ((e = r.next(size)) != null) {
                out.add(e);
            }
            if (r.damaged()) {
                log.warn(
                        "inbox journal {}: {} bytes after the last whole record dropped (a write cut short by a crash,"
                                + " never acknowledged)",
                        file.getFileName(),
                        size - r.offset());
            }
        }
        return out;
    }
}

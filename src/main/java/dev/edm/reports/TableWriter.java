package dev.edm.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edm.output.Csv;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Writes a report's rows as they come, as CSV (RFC 4180, safe to open in a spreadsheet) or JSON (an object
 * with the report's name, time, columns and rows), so a big report is never held whole.
 */
abstract sealed class TableWriter implements Consumer<List<Object>>, AutoCloseable
        permits TableWriter.CsvWriter, TableWriter.JsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Starts a CSV or JSON rendering on {@code out} (the header or the document's head is written at once). */
    static TableWriter open(String format, String name, List<String> columns, Instant generatedAt, Writer out) {
        try {
            return switch (format) {
                case "csv" -> new CsvWriter(columns, out);
                case "json" -> new JsonWriter(name, columns, generatedAt, out);
                default -> throw new IllegalArgumentException("unknown format \"" + format + "\"; csv or json");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final void accept(List<Object> row) {
        try {
            write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    abstract void write(List<?> row) throws IOException;

    /** Ends the document and flushes (the underlying writer stays open). */
    abstract void finish() throws IOException;

    /** Frees what a writer not finished holds (the underlying writer stays open). */
    @Override
    public void close() throws IOException {}

    /** A row that writes its own CSV line (the same text as its cells would give), for rows made by the million. */
    interface CsvLine {
        void appendCsv(StringBuilder out);
    }

    /**
     * Lines are gathered in a buffer and handed to the writer in chunks of about {@value #CHUNK} characters. A
     * report of more than {@value #BATCH} rows is formatted and written on a thread of its own, in batches
     * through a short queue, while the caller makes the next rows: a million-line report spends about as long
     * making its rows as writing them. Rows must not change once given.
     */
    static final class CsvWriter extends TableWriter {
        private static final int CHUNK = 16_384;
        private static final int BATCH = 2_048;
        private static final List<?>[] END = new List<?>[0];
        private final Writer out;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);
        private char[] chars = new char[CHUNK + 1024];
        private List<?>[] batch = new List<?>[BATCH];
        private int size;
        private BlockingQueue<List<?>[]> queue; // with the writing thread, once a batch is full
        private Thread thread;
        private volatile IOException failure;

        CsvWriter(List<String> columns, Writer out) throws IOException {
            this.out = out;
            format(columns);
        }

        @Override
        void write(List<?> row) throws IOException {
            failed();
            batch[size++] = row;
            if (size == BATCH) {
                if (thread == null) {
                    queue = new ArrayBlockingQueue<>(4);
                    thread = Thread.ofPlatform()
                            .name("edm-csv-writer")
                            .daemon(true)
                            .start(this::writeAll);
                }
                hand(batch);
                batch = new List<?>[BATCH];
                size = 0;
            }
        }

        /** The writing thread: formats and writes batches until the end, then only takes them (after a failure). */
        private void writeAll() {
            try {
                for (List<?>[] rows = queue.take(); rows != END; rows = queue.take()) {
                    if (failure == null) {
                        try {
                            for (List<?> row : rows) {
                                format(row);
                            }
                        } catch (IOException | RuntimeException e) {
                            failure = e instanceof IOException io ? io : new IOException(e);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void hand(List<?>[] rows) throws IOException {
            try {
                queue.put(rows);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a report");
            }
        }

        private void format(List<?> row) throws IOException {
            if (row instanceof CsvLine line) {
                line.appendCsv(buffer);
            } else {
                Csv.line(buffer, row);
            }
            if (buffer.length() >= CHUNK) {
                drain();
            }
        }

        private void drain() throws IOException {
            int n = buffer.length();
            if (n > chars.length) {
                chars = new char[n];
            }
            buffer.getChars(0, n, chars, 0); // no string made of every chunk
            out.write(chars, 0, n);
            buffer.setLength(0);
        }

        private void failed() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        void finish() throws IOException {
            if (thread != null) {
                hand(Arrays.copyOf(batch, size));
                size = 0;
                stop();
                failed();
            } else {
                for (int i = 0; i < size; i++) {
                    format(batch[i]);
                }
                size = 0;
            }
            drain();
            out.flush();
        }

        /** Ends the writing thread (after the batches handed to it). */
        private void stop() throws IOException {
            hand(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a report");
            }
            thread = null;
        }

        @Override
        public void close() throws IOException {
            if (thread != null) { // not finished: the rows failed
                failure = new IOException("report abandoned");
                stop();
            }
        }
    }

    static final class JsonWriter extends TableWriter {
        private final List<String> columns;
        private final JsonGenerator json;

        JsonWriter(String name, List<String> columns, Instant generatedAt, Writer out) throws IOException {
            this.columns = columns;
            this.json = JSON.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("report", name);
            json.writeStringField("generated_at", generatedAt.toString());
            json.writeArrayFieldStart("columns");
            for (String c : columns) {
                json.writeString(c);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
        }

        @Override
        void write(List<?> row) throws IOException {
            json.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                json.writeFieldName(columns.get(i));
                json.writeObject(row.get(i));
            }
            json.writeEndObject();
        }

        @Override
        void finish() throws IOException {
            json.writeEndArray();
            json.writeEndObject();
            json.close();
        }
    }
}

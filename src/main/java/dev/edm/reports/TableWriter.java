package dev.edm.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edm.output.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a report's rows as they come, as CSV (RFC 4180, safe to open in a spreadsheet) or JSON (an object
 * with the report's name, time, columns and rows), so a big report is never held whole.
 */
abstract sealed class TableWriter implements Consumer<List<Object>>
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

    /** A row that writes its own CSV line (the same text as its cells would give), for rows made by the million. */
    interface CsvLine {
        void appendCsv(StringBuilder out);
    }

    /** Lines are gathered in a buffer and handed to the writer in chunks of about {@value #CHUNK} characters. */
    static final class CsvWriter extends TableWriter {
        private static final int CHUNK = 16_384;
        private final Writer out;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

        CsvWriter(List<String> columns, Writer out) throws IOException {
            this.out = out;
            write(columns);
        }

        @Override
        void write(List<?> row) throws IOException {
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
            out.append(buffer);
            buffer.setLength(0);
        }

        @Override
        void finish() throws IOException {
            drain();
            out.flush();
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

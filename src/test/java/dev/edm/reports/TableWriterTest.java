package dev.edm.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.output.Csv;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV writer hands big reports to a thread of its own: the text must not change, and errors must reach the caller. */
class TableWriterTest {
    private static final List<String> COLUMNS = List.of("n", "name", "note");

    private static List<List<Object>> rows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(List.of(i, "row " + i, i % 7 == 0 ? "a \"quoted\", cell" : "=1+" + i));
        }
        return rows;
    }

    private static String expected(List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        Csv.line(out, COLUMNS);
        rows.forEach(r -> Csv.line(out, r));
        return out.toString();
    }

    private static boolean writerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("edm-csv-writer") && t.isAlive());
    }

    @Test
    void bigAndSmallReportsGiveTheSameTextAsLineByLine() throws IOException {
        for (int n : new int[] {0, 1, 2_047, 2_048, 2_049, 50_001}) {
            List<List<Object>> rows = rows(n);
            StringWriter out = new StringWriter();
            try (TableWriter w = TableWriter.open("csv", "t", COLUMNS, Instant.EPOCH, out)) {
                rows.forEach(w);
                w.finish();
            }
            assertThat(out.toString()).as("%d rows", n).isEqualTo(expected(rows));
        }
        assertThat(writerThreadAlive()).isFalse();
    }

    @Test
    void aFailingWriterFailsTheReportAndItsThreadEnds() {
        Writer failing = new Writer() {
            private long written;

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                written += len;
                if (written > 100_000) {
                    throw new IOException("disk full");
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> {
                    try (TableWriter w = TableWriter.open("csv", "t", COLUMNS, Instant.EPOCH, failing)) {
                        for (List<Object> row : rows(200_000)) {
                            w.write(row);
                        }
                        w.finish();
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk full");
        assertThat(writerThreadAlive()).isFalse();
    }

    @Test
    void anAbandonedReportEndsItsThread() throws IOException {
        StringWriter out = new StringWriter();
        try (TableWriter w = TableWriter.open("csv", "t", COLUMNS, Instant.EPOCH, out)) {
            rows(10_000).forEach(w); // the rows fail before finish(), say
        }
        assertThat(writerThreadAlive()).isFalse();
    }
}

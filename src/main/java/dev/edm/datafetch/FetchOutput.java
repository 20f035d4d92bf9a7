package dev.edm.datafetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.output.Csv;
import dev.edm.output.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code {name}_{stamp}.csv|.json} (raw), {@code ..._clean} and {@code ..._summary} in the output folder,
 * each atomically and never over an existing file. CSV is flattened; JSON keeps the records' nesting.
 */
final class FetchOutput {
    private final Path dir;
    private final String base;
    private final List<String> formats;
    private final List<Path> written = new ArrayList<>();

    FetchOutput(Path dir, String base, List<String> formats) {
        this.dir = dir;
        this.base = base;
        this.formats = formats;
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    void records(String suffix, List<JsonNode> records) throws IOException {
        if (formats.contains("csv")) {
            Flattening.Rows rows = Flattening.rows(records);
            written.add(OutputFiles.writeNew(dir, base + suffix, "csv", Csv.render(rows.columns(), rows.rows())));
        }
        if (formats.contains("json")) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            array.addAll(records);
            written.add(OutputFiles.writeNew(dir, base + suffix, "json", Json.write(array)));
        }
    }

    void summary(List<String> columns, GroupSummary.Result result) throws IOException {
        if (formats.contains("csv")) {
            List<List<Object>> rows = new ArrayList<>();
            for (GroupSummary.Row row : result.rows()) {
                List<Object> cells = new ArrayList<>(2);
                cells.add(row.group());
                cells.add(row.value());
                rows.add(cells);
            }
            written.add(OutputFiles.writeNew(dir, base + "_summary", "csv", Csv.render(columns, rows)));
        }
        if (formats.contains("json")) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (GroupSummary.Row row : result.rows()) {
                ObjectNode o = array.addObject();
                o.put(columns.get(0), row.group());
                o.put(columns.get(1), row.value());
            }
            written.add(OutputFiles.writeNew(dir, base + "_summary", "json", Json.write(array)));
        }
    }
}

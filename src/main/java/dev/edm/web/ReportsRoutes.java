package dev.edm.web;

import dev.edm.reports.Reports;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /reports/{name}.csv|.json?shop=&from=&to=&channel=&period=&limit=&days=}: a report built on request. Loopback only. */
final class ReportsRoutes {
    private final Reports reports;

    ReportsRoutes(Reports reports) {
        this.reports = reports;
    }

    void register(HttpRules rules) {
        rules.get("/reports/{file}", LoopbackOnly.wrap(this::report));
    }

    private void report(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        int dot = file.lastIndexOf('.');
        String name = dot < 0 ? file : file.substring(0, dot);
        String format = dot < 0 ? "" : file.substring(dot + 1);
        if (!Reports.NAMES.contains(name)) {
            Responses.error(res, 404, "no report " + name + "; one of " + Reports.NAMES);
            return;
        }
        if (!format.equals("csv") && !format.equals("json")) {
            Responses.error(res, 404, "reports are served as " + name + ".csv or " + name + ".json");
            return;
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String key : req.query().names()) {
            raw.put(key, req.query().get(key));
        }
        Reports.Rendering rendering;
        try {
            rendering = reports.prepare(name, Reports.Filter.parse(raw), format);
        } catch (IllegalArgumentException e) {
            Responses.error(res, 400, e.getMessage());
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, format.equals("csv") ? "text/csv; charset=utf-8" : "application/json");
        res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + name + "." + format + "\"");
        // streamed as rows are made: the sales report of every SKU by day is millions of rows
        try (Writer out =
                new BufferedWriter(new OutputStreamWriter(res.outputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            rendering.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.edm.web;

import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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
        Table table;
        try {
            table = reports.build(name, Reports.Filter.parse(raw));
        } catch (IllegalArgumentException e) {
            Responses.error(res, 400, e.getMessage());
            return;
        }
        byte[] body = reports.render(table, format).getBytes(StandardCharsets.UTF_8);
        res.header(HeaderNames.CONTENT_TYPE, format.equals("csv") ? "text/csv; charset=utf-8" : "application/json");
        res.header(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + name + "." + format + "\"");
        res.send(body);
    }
}

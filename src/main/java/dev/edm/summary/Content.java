package dev.edm.summary;

import dev.edm.alerts.Alert;
import dev.edm.alerts.Alerts;
import dev.edm.notify.Summary;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.reports.TableFormats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a summary from the reports: open alerts by rule and severity, top ten sellers of the period, units and
 * revenue per currency, the worst items (out of stock, lowest days of cover over the 30 days up to the period's
 * end); as HTML tables and plain text, with low-stock, out-of-stock, sales and top-sellers CSVs attached.
 */
final class Content {
    static final int TOP = 10;
    private final Reports reports;
    private final Alerts alerts;

    Content(Reports reports, Alerts alerts) {
        this.reports = reports;
        this.alerts = alerts;
    }

    Summary build(Period p, String key) {
        Optional<String> from = Optional.of(p.from().toString());
        Optional<String> to = Optional.of(p.to().toString());
        Table low = reports.build("low-stock", Reports.Filter.none());
        Table out = reports.build("out-of-stock", Reports.Filter.none());
        Table sales = reports.build(
                "sales",
                new Reports.Filter(
                        Optional.empty(),
                        from,
                        to,
                        Optional.empty(),
                        Optional.of("day"),
                        Optional.empty(),
                        Optional.empty()));
        Table top = reports.build(
                "top-sellers",
                new Reports.Filter(
                        Optional.empty(),
                        from,
                        to,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(TOP),
                        Optional.empty()));
        Table velocity = reports.build(
                "velocity",
                new Reports.Filter(
                        Optional.empty(),
                        Optional.of(p.to().minusDays(29).toString()),
                        to,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));

        List<List<Object>> totals = sales.rows().stream()
                .filter(r -> "total".equals(r.get(0)) && "ALL".equals(r.get(3)))
                .map(r -> List.<Object>of(r.get(8), r.get(6), r.get(7)))
                .toList();
        long units =
                totals.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum();
        List<List<Object>> sellers = top.rows().stream()
                .filter(r -> "units".equals(r.get(0)))
                .map(r -> List.<Object>of(r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)))
                .toList();
        List<List<Object>> worst = new ArrayList<>();
        out.rows().stream()
                .limit(TOP)
                .forEach(r -> worst.add(List.of(r.get(7), r.get(1), r.get(5), 0, "out of stock")));
        velocity.rows().stream()
                .filter(r -> r.get(10) instanceof BigDecimal c && ((Number) r.get(9)).intValue() > 0 && c.signum() >= 0)
                .sorted(Comparator.comparing(r -> (BigDecimal) r.get(10)))
                .limit(TOP)
                .forEach(r -> worst.add(List.of(r.get(2), r.get(4), r.get(0), r.get(9), r.get(10) + " days of cover")));

        String subject = "edm " + p.kind().id() + " summary " + p.label() + ": "
                + out.rows().size() + " out of stock, " + low.rows().size() + " low stock, " + units + " units sold";
        List<Section> sections = List.of(
                new Section("Open alerts", List.of("rule", "severity", "open"), openAlerts()),
                new Section("Units and revenue", List.of("currency", "units", "revenue"), totals),
                new Section(
                        "Top " + TOP + " sellers (units)",
                        List.of("rank", "sku", "title", "units", "revenue", "currency"),
                        sellers),
                new Section("Worst items", List.of("sku", "title", "shop", "available", "why"), worst));
        return new Summary(
                key,
                subject,
                Render.text(subject, sections),
                Render.html(subject, sections),
                List.of(
                        new Summary.Attachment("low-stock.csv", TableFormats.csv(low)),
                        new Summary.Attachment("out-of-stock.csv", TableFormats.csv(out)),
                        new Summary.Attachment("sales.csv", TableFormats.csv(sales)),
                        new Summary.Attachment("top-sellers.csv", TableFormats.csv(top))));
    }

    private List<List<Object>> openAlerts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Alert a : alerts.list(Optional.of("open"), Optional.empty(), Optional.empty(), 1_000_000)) {
            counts.merge(a.rule().id() + "\t" + a.severity(), 1L, Long::sum);
        }
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(List.of(k.split("\t")[0], k.split("\t")[1], n)));
        return rows;
    }

    /** A titled table of the email. */
    record Section(String title, List<String> columns, List<List<Object>> rows) {}
}

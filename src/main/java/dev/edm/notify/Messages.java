package dev.edm.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders outbox rows as messages: one alert, or a digest with a table and its CSV. */
final class Messages {
    private Messages() {}

    static Message render(String key, String kind, List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Item.WORST_FIRST);
        boolean digest = kind.equals("digest");
        String subject = digest ? digestSubject(sorted) : singleSubject(kind, sorted.get(0));
        return new Message(
                key,
                kind,
                subject,
                text(subject, sorted),
                html(subject, sorted),
                digest ? Optional.of(csv(sorted)) : Optional.empty(),
                sorted,
                List.of());
    }

    private static String singleSubject(String kind, Item i) {
        String prefix = switch (kind) {
            case "resolved" -> "RESOLVED";
            case "repeat" -> "still firing: " + i.severity().toUpperCase(Locale.ROOT);
            default -> i.severity().toUpperCase(Locale.ROOT);
        };
        return "[edm] " + prefix + " " + i.ruleText() + ": " + i.label() + " (" + i.store() + ")";
    }

    private static String digestSubject(List<Item> sorted) {
        Item worst = sorted.get(0);
        return "[edm] " + sorted.size() + (sorted.size() == 1 ? " alert" : " alerts") + ", worst: "
                + worst.severity().toUpperCase(Locale.ROOT) + " " + worst.ruleText() + " " + worst.label()
                + (worst.current() == null ? "" : " (" + worst.current() + " left)");
    }

    /** A short line for SMS and Slack fallbacks. */
    static String line(Item i) {
        return i.severity().toUpperCase(Locale.ROOT) + " " + i.ruleText() + " " + i.label() + " (" + i.store() + ")"
                + (i.current() == null ? "" : " " + i.current() + " left")
                + (i.resolved() ? " resolved" : "");
    }

    private static String text(String subject, List<Item> items) {
        StringBuilder b = new StringBuilder(subject).append("\n\n");
        b.append(String.format(
                "%-9s %-13s %-40s %-24s %8s  %s%n", "SEVERITY", "RULE", "STORE", "SKU", "CURRENT", "REASON"));
        for (Item i : items) {
            b.append(String.format(
                    "%-9s %-13s %-40s %-24s %8s  %s%n",
                    i.severity(),
                    i.rule(),
                    i.store(),
                    i.label(),
                    i.current() == null ? "-" : i.current(),
                    (i.resolved() ? "resolved: " : "") + nullToEmpty(i.reason())));
        }
        return b.toString();
    }

    private static String html(String subject, List<Item> items) {
        StringBuilder b = new StringBuilder("<html><body><h2>")
                .append(escape(subject))
                .append("</h2><table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">")
                .append("<tr><th>Severity</th><th>Rule</th><th>Store</th><th>SKU</th><th>Title</th>")
                .append("<th>Current</th><th>Threshold</th><th>Reason</th></tr>");
        for (Item i : items) {
            b.append("<tr><td>")
                    .append(escape(i.severity()))
                    .append("</td><td>")
                    .append(escape(i.ruleText()))
                    .append("</td><td>")
                    .append(escape(i.store()))
                    .append("</td><td>")
                    .append(escape(i.sku()))
                    .append("</td><td>")
                    .append(escape(i.title()))
                    .append("</td><td>")
                    .append(i.current() == null ? "" : i.current())
                    .append("</td><td>")
                    .append(i.threshold() == null ? "" : i.threshold())
                    .append("</td><td>")
                    .append(escape((i.resolved() ? "resolved: " : "") + nullToEmpty(i.reason())))
                    .append("</td></tr>");
        }
        return b.append("</table></body></html>").toString();
    }

    static String csv(List<Item> items) {
        StringBuilder b = new StringBuilder(
                "alert_id,kind,rule,severity,store,sku,title,current_value,threshold,reason,opened_at,notice_at\n");
        for (Item i : items) {
            b.append(i.alertId())
                    .append(',')
                    .append(cell(i.kind()))
                    .append(',')
                    .append(cell(i.rule()))
                    .append(',')
                    .append(cell(i.severity()))
                    .append(',')
                    .append(cell(i.store()))
                    .append(',')
                    .append(cell(i.sku()))
                    .append(',')
                    .append(cell(i.title()))
                    .append(',')
                    .append(i.current() == null ? "" : i.current())
                    .append(',')
                    .append(i.threshold() == null ? "" : i.threshold())
                    .append(',')
                    .append(cell(i.reason()))
                    .append(',')
                    .append(cell(i.openedAt()))
                    .append(',')
                    .append(cell(i.at()))
                    .append('\n');
        }
        return b.toString();
    }

    private static String cell(String v) {
        if (v == null) {
            return "";
        }
        // a leading = + - @ would run as a formula in a spreadsheet
        String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

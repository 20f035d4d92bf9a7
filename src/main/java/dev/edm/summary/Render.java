package dev.edm.summary;

import java.util.List;
import java.util.stream.Collectors;

/** Renders summary sections as plain text and as small HTML tables. */
final class Render {
    private Render() {}

    static String text(String subject, List<Content.Section> sections) {
        StringBuilder b = new StringBuilder(subject).append("\n");
        for (Content.Section s : sections) {
            b.append("\n").append(s.title()).append("\n");
            if (s.rows().isEmpty()) {
                b.append("  (none)\n");
                continue;
            }
            b.append("  ").append(String.join(" | ", s.columns())).append("\n");
            for (List<Object> r : s.rows()) {
                b.append("  ")
                        .append(r.stream().map(String::valueOf).collect(Collectors.joining(" | ")))
                        .append("\n");
            }
        }
        return b.append("\nThe CSV files are attached.\n").toString();
    }

    static String html(String subject, List<Content.Section> sections) {
        StringBuilder b = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>")
                .append(escape(subject))
                .append("</h2>");
        for (Content.Section s : sections) {
            b.append("<h3>").append(escape(s.title())).append("</h3>");
            if (s.rows().isEmpty()) {
                b.append("<p>none</p>");
                continue;
            }
            b.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr>");
            s.columns().forEach(c -> b.append("<th>").append(escape(c)).append("</th>"));
            b.append("</tr>");
            for (List<Object> r : s.rows()) {
                b.append("<tr>");
                r.forEach(
                        c -> b.append("<td>").append(escape(String.valueOf(c))).append("</td>"));
                b.append("</tr>");
            }
            b.append("</table>");
        }
        return b.append("<p>The CSV files are attached.</p></body></html>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

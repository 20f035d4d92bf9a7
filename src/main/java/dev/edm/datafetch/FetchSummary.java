package dev.edm.datafetch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What a fetch did, printed at the end. */
public record FetchSummary(
        int records,
        int pages,
        int retries,
        boolean stoppedAtMaxPages,
        boolean cleaned,
        List<InvalidEmail> invalidEmails,
        int duplicatesRemoved,
        int cleanRecords,
        int skippedValues,
        List<Path> files,
        Duration elapsed) {
    private static final int LISTED = 20;

    /** An email that failed the syntax check: record number (1-based, as fetched), its id if any, field, value. */
    public record InvalidEmail(int record, String id, String field, String value) {}

    public FetchSummary {
        invalidEmails = List.copyOf(invalidEmails);
        files = List.copyOf(files);
    }

    /** Several lines for a person. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("records: ")
                .append(records)
                .append(" from ")
                .append(pages)
                .append(pages == 1 ? " page" : " pages")
                .append(stoppedAtMaxPages ? " (stopped at --max-pages; there may be more)" : "")
                .append('\n');
        out.append("retries: ").append(retries).append('\n');
        if (cleaned) {
            out.append("clean records: ").append(cleanRecords).append('\n');
            out.append("duplicates removed: ").append(duplicatesRemoved).append('\n');
            out.append("invalid emails: ")
                    .append(invalidEmails.size())
                    .append(invalidEmails.isEmpty() ? "" : " (kept)");
            out.append('\n');
            for (InvalidEmail e : invalidEmails.subList(0, Math.min(LISTED, invalidEmails.size()))) {
                out.append("  record ")
                        .append(e.record())
                        .append(e.id() == null ? "" : " (id " + e.id() + ")")
                        .append(' ')
                        .append(e.field())
                        .append(": ")
                        .append(e.value())
                        .append('\n');
            }
            if (invalidEmails.size() > LISTED) {
                out.append("  ... and ").append(invalidEmails.size() - LISTED).append(" more\n");
            }
        }
        if (skippedValues > 0) {
            out.append("values skipped by the summary (not numbers): ")
                    .append(skippedValues)
                    .append('\n');
        }
        out.append("files written: ").append(files.size()).append('\n');
        for (Path f : files) {
            out.append("  ").append(f).append('\n');
        }
        out.append(String.format(Locale.ROOT, "elapsed: %.1f s%n", elapsed.toMillis() / 1000.0));
        return out.toString();
    }
}

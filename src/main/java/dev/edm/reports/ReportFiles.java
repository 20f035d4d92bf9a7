package dev.edm.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes report files atomically: a temp file in the target folder, then a hard link to the final name,
 * which fails rather than replace an existing file, so a report is never overwritten, even within the same
 * millisecond ({@code _1}, {@code _2}, ... are appended).
 */
final class ReportFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private ReportFiles() {}

    static Path writeNew(Path dir, String name, String extension, String content, Instant now) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + name + "-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            String base = name + "_" + STAMP.format(now);
            for (int n = 0; ; n++) {
                Path target = dir.resolve(base + (n == 0 ? "" : "_" + n) + "." + extension);
                try {
                    Files.createLink(target, tmp);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    // same millisecond: next suffix
                } catch (UnsupportedOperationException noLinks) {
                    if (!Files.exists(target)) {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                        return target;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes to a path the user named, atomically replacing what was there. */
    static Path writeTo(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

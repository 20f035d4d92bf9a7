package dev.edm.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes files atomically: a temp file in the target folder, then a hard link to the final name, which fails
 * rather than replace an existing file, so a file is never overwritten, even within the same millisecond
 * ({@code _1}, {@code _2}, ... are appended).
 */
public final class OutputFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS").withZone(ZoneOffset.UTC);

    private OutputFiles() {}

    /** The timestamp used in file names: {@code YYYYmmdd_HHMMSS_mmm}, UTC. */
    public static String stamp(Instant now) {
        return STAMP.format(now);
    }

    /** Writes {@code dir/base.extension}, or {@code dir/base_1.extension}, ... if that name is taken. */
    public static Path writeNew(Path dir, String base, String extension, String content) throws IOException {
        return writeNew(dir, base, extension, w -> w.write(content));
    }

    /** Text written to a file as it is made (UTF-8, buffered). */
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static void write(Path file, Content content) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.writeTo(w);
        }
    }

    /** {@link #writeNew(Path, String, String, String)} with content streamed to the file. */
    public static Path writeNew(Path dir, String base, String extension, Content content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + base + "-", ".tmp");
        try {
            write(tmp, content);
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
    public static Path writeTo(Path target, String content) throws IOException {
        return writeTo(target, w -> w.write(content));
    }

    /** {@link #writeTo(Path, String)} with content streamed to the file. */
    public static Path writeTo(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".output-", ".tmp");
        try {
            write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package dev.edm.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads a {@code --since T} option: an ISO-8601 time with offset (picocli reports a bad one, exit 2). */
final class SinceOption implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "--since must be an ISO-8601 time with offset, e.g. 2026-11-01T00:00:00Z");
        }
    }
}

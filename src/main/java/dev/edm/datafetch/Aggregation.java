package dev.edm.datafetch;

/** What {@code --agg} computes per group. */
public sealed interface Aggregation {
    /** Records per group. */
    record Count() implements Aggregation {}

    /** Sum of a numeric field (dotted path). */
    record Sum(String field) implements Aggregation {}

    /** Average of a numeric field (dotted path) over the records where it is a number. */
    record Avg(String field) implements Aggregation {}

    /** {@code count}, {@code sum:FIELD} or {@code avg:FIELD}. */
    static Aggregation parse(String spec) {
        if (spec == null || spec.equals("count")) {
            return new Count();
        }
        if (spec.startsWith("sum:") && spec.length() > 4) {
            return new Sum(spec.substring(4).strip());
        }
        if (spec.startsWith("avg:") && spec.length() > 4) {
            return new Avg(spec.substring(4).strip());
        }
        throw new IllegalArgumentException("--agg must be count, sum:FIELD or avg:FIELD, got \"" + spec + "\"");
    }
}

package dev.edm.datafetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --group-by FIELD --agg ...}: one row per value of FIELD (in the order first seen; records without it
 * form the group with no value) with the count, sum or average, in BigDecimal. A value that is not a number is
 * skipped by sum and avg and counted.
 */
final class GroupSummary {
    private GroupSummary() {}

    /** One group: its value (null when the field is absent) and the aggregate (null for an average of nothing). */
    record Row(String group, BigDecimal value) {}

    record Result(List<Row> rows, int skippedValues) {}

    private static final class Acc {
        BigDecimal sum = BigDecimal.ZERO;
        long numbers;
        long records;
    }

    static Result of(List<JsonNode> records, FetchRequest.GroupBy groupBy) {
        Map<String, Acc> groups = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonNode record : records) {
            String key = Json.text(Json.at(record, groupBy.field()));
            Acc acc = groups.computeIfAbsent(key, k -> new Acc());
            acc.records++;
            String field = switch (groupBy.aggregation()) {
                case Aggregation.Count c -> null;
                case Aggregation.Sum s -> s.field();
                case Aggregation.Avg a -> a.field();
            };
            if (field != null) {
                BigDecimal n = number(Json.at(record, field));
                if (n == null) {
                    skipped++;
                } else {
                    acc.sum = acc.sum.add(n);
                    acc.numbers++;
                }
            }
        }
        List<Row> rows = new ArrayList<>(groups.size());
        groups.forEach((group, acc) -> rows.add(new Row(group, value(acc, groupBy.aggregation()))));
        return new Result(rows, skipped);
    }

    private static BigDecimal value(Acc acc, Aggregation aggregation) {
        return switch (aggregation) {
            case Aggregation.Count c -> BigDecimal.valueOf(acc.records);
            case Aggregation.Sum s -> acc.sum;
            case Aggregation.Avg a ->
                acc.numbers == 0
                        ? null
                        : acc.sum
                                .divide(BigDecimal.valueOf(acc.numbers), MathContext.DECIMAL64)
                                .stripTrailingZeros();
        };
    }

    private static BigDecimal number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The summary's column names: the grouped field and {@code count}, {@code sum(F)} or {@code avg(F)}. */
    static List<String> columns(FetchRequest.GroupBy groupBy) {
        String value = switch (groupBy.aggregation()) {
            case Aggregation.Count c -> "count";
            case Aggregation.Sum s -> "sum(" + s.field() + ")";
            case Aggregation.Avg a -> "avg(" + a.field() + ")";
        };
        return List.of(groupBy.field(), value);
    }
}

package dev.edm.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a WHERE clause from optional conditions, keeping SQL visible and parameters positional. */
public final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Filter eq(String column, Optional<?> value) {
        return add(column + " = ?", value);
    }

    public Filter atLeast(String column, Optional<?> value) {
        return add(column + " >= ?", value);
    }

    public Filter atMost(String column, Optional<?> value) {
        return add(column + " <= ?", value);
    }

    private Filter add(String condition, Optional<?> value) {
        value.ifPresent(v -> {
            conditions.add(condition);
            params.add(v);
        });
        return this;
    }

    /** {@code " WHERE a = ? AND b >= ?"}, or empty when no condition applies. */
    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Object[] params() {
        return params.toArray();
    }
}

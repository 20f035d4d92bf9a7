package dev.edm.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A report's rows under named columns; cells are numbers, strings or null. */
public record Table(String name, List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }
}

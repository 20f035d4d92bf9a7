package dev.edm.notify;

import dev.edm.alerts.Alert;
import java.util.List;
import java.util.Set;

/** Who hears which alerts: empty sets match everything. Stores are store keys ({@code shopify:shop-a...}). */
record Route(Set<String> stores, Set<String> rules, Set<String> severities, List<String> receivers) {
    Route {
        stores = Set.copyOf(stores);
        rules = Set.copyOf(rules);
        severities = Set.copyOf(severities);
        receivers = List.copyOf(receivers);
    }

    static Route everything(List<String> receivers) {
        return new Route(Set.of(), Set.of(), Set.of(), receivers);
    }

    boolean matches(Alert a) {
        return (stores.isEmpty() || stores.contains(a.store()))
                && (rules.isEmpty() || rules.contains(a.rule().id()))
                && (severities.isEmpty() || severities.contains(a.severity()));
    }
}

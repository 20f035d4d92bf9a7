package dev.edm.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * A silence: no notices for alerts of {@code rule} (empty: every rule) on {@code store} and {@code sku} (empty:
 * any) from {@code startsAt} until {@code endsAt}. Silenced alerts still open and resolve in the history.
 */
public record Silence(
        long id,
        Optional<Rule> rule,
        Optional<String> store,
        Optional<String> sku,
        Instant startsAt,
        Instant endsAt,
        String comment,
        Instant createdAt) {

    public boolean activeAt(Instant now) {
        return !startsAt.isAfter(now) && endsAt.isAfter(now);
    }
}

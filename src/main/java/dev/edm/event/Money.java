package dev.edm.event;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in a currency (ISO 4217 code, or null when the platform did not say). */
public record Money(BigDecimal amount, String currency) {
    public Money {
        Objects.requireNonNull(amount, "amount");
    }
}

package dev.edm.reports;

import java.math.BigDecimal;

/**
 * An exact running sum of amounts times units, as {@code BigDecimal.ZERO.add(amount.multiply(units))...} gives
 * it (the scale is the largest of the amounts', never below 0), kept in a long while it fits and in a
 * {@link BigDecimal} after: a sales report adds millions of prices, and most fit in a long.
 */
final class ExactSum {
    /** The most digits after the point an amount given as a long may have. */
    static final int MAX_SCALE = 18;

    private static final long[] POWERS = new long[MAX_SCALE + 1];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private long unscaled;
    private int scale;
    private BigDecimal big; // once the sum no longer fits in a long

    /** {@code unscaled} with {@code scale} digits after the point (0 to {@value #MAX_SCALE}). */
    static ExactSum of(long unscaled, int scale) {
        ExactSum s = new ExactSum();
        s.unscaled = unscaled;
        s.scale = scale;
        return s;
    }

    /**
     * Adds {@code amountUnscaled} (with {@code amountScale} digits after the point, 0 to {@value #MAX_SCALE})
     * times {@code units}.
     */
    void add(long amountUnscaled, int amountScale, long units) {
        if (big == null) {
            try {
                long term = Math.multiplyExact(amountUnscaled, units);
                if (amountScale > scale) {
                    unscaled = Math.multiplyExact(unscaled, power(amountScale - scale));
                    scale = amountScale;
                } else if (amountScale < scale) {
                    term = Math.multiplyExact(term, power(scale - amountScale));
                }
                unscaled = Math.addExact(unscaled, term);
                return;
            } catch (ArithmeticException overflow) {
                big = BigDecimal.valueOf(unscaled, scale); // the sum so far, unchanged by the failed step
            }
        }
        big = big.add(BigDecimal.valueOf(amountUnscaled, amountScale).multiply(BigDecimal.valueOf(units)));
    }

    /** Adds {@code amount} times {@code units}; an unknown amount (null) adds nothing. */
    void add(BigDecimal amount, long units) {
        if (amount == null) {
            return;
        }
        BigDecimal a = plain(amount);
        if (big == null && fits(a)) {
            add(a.unscaledValue().longValue(), a.scale(), units);
        } else {
            big = toBigDecimal().add(a.multiply(BigDecimal.valueOf(units)));
        }
    }

    /** {@code amount} with a scale of at least 0, as a sum that starts at {@code BigDecimal.ZERO} keeps it. */
    static BigDecimal plain(BigDecimal amount) {
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    /** Whether a {@link #plain} amount can be given as a long and a scale (see {@link #add(long, int, long)}). */
    static boolean fits(BigDecimal plain) {
        return plain.scale() <= MAX_SCALE && plain.unscaledValue().bitLength() < 63;
    }

    /** Adds another sum. */
    void add(ExactSum other) {
        if (other.big == null) {
            add(other.unscaled, other.scale, 1);
        } else {
            big = toBigDecimal().add(other.big);
        }
    }

    BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    /** Appends the sum as {@link BigDecimal#toPlainString} writes it. */
    void appendTo(StringBuilder out) {
        if (big != null || unscaled == Long.MIN_VALUE) {
            out.append(toBigDecimal().toPlainString());
            return;
        }
        if (scale == 0) {
            out.append(unscaled);
            return;
        }
        long abs = Math.abs(unscaled);
        if (unscaled < 0) {
            out.append('-');
        }
        long p = POWERS[scale];
        out.append(abs / p).append('.');
        long fraction = abs % p;
        for (long d = p / 10; d > fraction && d > 1; d /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    private static long power(int digits) {
        if (digits >= POWERS.length) {
            throw new ArithmeticException("too many digits");
        }
        return POWERS[digits];
    }
}

package dev.edm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    /** What the sales report summed before: BigDecimal.ZERO plus each amount times its units. */
    private static BigDecimal reference(BigDecimal[] amounts, long[] units) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != null) {
                sum = sum.add(amounts[i].multiply(BigDecimal.valueOf(units[i])));
            }
        }
        return sum;
    }

    @Test
    void keepsTheScaleAndTextOfBigDecimalSums() {
        ExactSum s = new ExactSum();
        assertThat(s.toString()).isEqualTo("0");
        s.add(new BigDecimal("9.5"), 2);
        assertThat(s.toString()).isEqualTo("19.0");
        s.add(new BigDecimal("0.005"), 1);
        assertThat(s.toString()).isEqualTo("19.005");
        s.add(null, 3);
        s.add(new BigDecimal("1E+2"), 1); // a negative scale counts as 0
        assertThat(s.toString()).isEqualTo("119.005");
        assertThat(s.toBigDecimal()).isEqualTo(new BigDecimal("119.005"));
        ExactSum negative = new ExactSum();
        negative.add(-5, 2, 1);
        assertThat(negative.toString()).isEqualTo("-0.05");
        ExactSum zeros = new ExactSum();
        zeros.add(0, 3, 7);
        assertThat(zeros.toString()).isEqualTo("0.000");
    }

    @Test
    void overflowingALongMovesToBigDecimalWithoutLosingADigit() {
        ExactSum s = new ExactSum();
        s.add(Long.MAX_VALUE / 2, 2, 3); // the product overflows
        s.add(1, 18, 1); // and so does raising the scale of the sum
        BigDecimal expected = BigDecimal.valueOf(Long.MAX_VALUE / 2, 2)
                .multiply(BigDecimal.valueOf(3))
                .add(BigDecimal.valueOf(1, 18));
        assertThat(s.toBigDecimal()).isEqualTo(expected);
        assertThat(s.toString()).isEqualTo(expected.toPlainString());
        ExactSum total = new ExactSum();
        total.add(s);
        total.add(s);
        assertThat(total.toBigDecimal()).isEqualTo(expected.add(expected));
    }

    @Test
    void equalsTheBigDecimalSumOnRandomAmounts() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + r.nextInt(8);
            BigDecimal[] amounts = new BigDecimal[n];
            long[] units = new long[n];
            ExactSum viaLongs = new ExactSum();
            ExactSum viaDecimals = new ExactSum();
            for (int i = 0; i < n; i++) {
                int scale = r.nextInt(-2, 19);
                long unscaled = r.nextInt(10) == 0 ? r.nextLong() : r.nextLong(-100_000, 1_000_000);
                amounts[i] = r.nextInt(20) == 0 ? null : BigDecimal.valueOf(unscaled, scale);
                units[i] = r.nextInt(10) == 0 ? r.nextLong() : r.nextLong(-5, 1_000);
                viaDecimals.add(amounts[i], units[i]);
                if (amounts[i] != null && scale >= 0) {
                    viaLongs.add(unscaled, scale, units[i]);
                } else {
                    viaLongs.add(amounts[i], units[i]);
                }
            }
            BigDecimal expected = reference(amounts, units);
            assertThat(viaDecimals.toString()).isEqualTo(expected.toPlainString());
            assertThat(viaLongs.toString()).isEqualTo(expected.toPlainString());
            assertThat(viaLongs.toBigDecimal()).isEqualTo(expected);
        }
    }
}

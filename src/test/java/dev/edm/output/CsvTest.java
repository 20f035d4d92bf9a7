package dev.edm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void quotesByRfc4180WithCrlfLineEnds() {
        String csv = Csv.render(
                List.of("a", "b"), List.of(Arrays.asList("x,y", "say \"hi\""), Arrays.asList("line\nbreak", null)));
        assertThat(csv).isEqualTo("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",\r\n");
    }

    @Test
    void textThatWouldRunAsAFormulaIsNeutralised() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(Csv.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void plainNumbersStayNumbers() {
        assertThat(Csv.cell("-37.3159")).isEqualTo("-37.3159");
        assertThat(Csv.cell("+44")).isEqualTo("+44");
        assertThat(Csv.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Csv.cell(-5)).isEqualTo("-5");
    }
}

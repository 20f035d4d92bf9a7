package dev.edm.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdCsvTest {
    @TempDir
    Path dir;

    @Test
    void readsColumnsInAnyOrderWithQuotesAndOptionalScope() throws Exception {
        Path f = Files.writeString(
                dir.resolve("t.csv"),
                "\uFEFFThreshold,SKU,location,shop\n7,\"A,1\",,\n2,B,loc-9,shopify:x.myshopify.com\n\n");
        assertThat(ThresholdCsv.read(f))
                .containsExactly(
                        new Threshold("", "A,1", "", 7), new Threshold("shopify:x.myshopify.com", "B", "loc-9", 2));
    }

    @Test
    void everyBadLineIsReportedAndNothingIsReturned() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "sku,threshold\nA,1\nB,-3\nC\n,2\nD,x\n");
        assertThatThrownBy(() -> ThresholdCsv.read(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3: threshold must be >= 0")
                .hasMessageContaining("line 4: expected 2 columns")
                .hasMessageContaining("line 5: sku must not be blank")
                .hasMessageContaining("line 6: threshold must be a whole number");
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRejected() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "item,qty\nA,1\n");
        assertThatThrownBy(() -> ThresholdCsv.read(f)).hasMessageContaining("line 1: header must name");
    }
}

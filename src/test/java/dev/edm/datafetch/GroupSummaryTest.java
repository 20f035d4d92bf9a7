package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupSummaryTest {
    private static final String PRODUCTS = "[{\"category\":\"mugs\",\"price\":0.1,\"stock\":{\"qty\":3}},"
            + "{\"category\":\"mugs\",\"price\":\"0.2\",\"stock\":{\"qty\":4}},"
            + "{\"category\":\"caps\",\"price\":10,\"stock\":{\"qty\":1}},"
            + "{\"category\":\"caps\",\"price\":\"n/a\"},{\"price\":5}]";

    private static List<JsonNode> products() throws Exception {
        return Json.elements(Json.MAPPER.readTree(PRODUCTS));
    }

    @Test
    void countsPerGroupInFirstSeenOrder() throws Exception {
        GroupSummary.Result r =
                GroupSummary.of(products(), new FetchRequest.GroupBy("category", Aggregation.parse("count")));
        assertThat(r.rows())
                .containsExactly(
                        new GroupSummary.Row("mugs", new BigDecimal("2")),
                        new GroupSummary.Row("caps", new BigDecimal("2")),
                        new GroupSummary.Row(null, new BigDecimal("1")));
    }

    @Test
    void sumsExactlyAndSkipsWhatIsNotANumber() throws Exception {
        GroupSummary.Result r =
                GroupSummary.of(products(), new FetchRequest.GroupBy("category", Aggregation.parse("sum:price")));
        assertThat(r.rows().get(0).value()).isEqualByComparingTo("0.3");
        assertThat(r.rows().get(0).value().toPlainString()).isEqualTo("0.3");
        assertThat(r.rows().get(1).value()).isEqualByComparingTo("10");
        assertThat(r.skippedValues()).isEqualTo(1);
    }

    @Test
    void averagesADottedField() throws Exception {
        GroupSummary.Result r =
                GroupSummary.of(products(), new FetchRequest.GroupBy("category", Aggregation.parse("avg:stock.qty")));
        assertThat(r.rows().get(0).value()).isEqualByComparingTo("3.5");
        assertThat(r.rows().get(1).value()).isEqualByComparingTo("1");
        assertThat(r.rows().get(2).value()).isNull();
        assertThat(GroupSummary.columns(new FetchRequest.GroupBy("category", Aggregation.parse("avg:stock.qty"))))
                .containsExactly("category", "avg(stock.qty)");
    }
}

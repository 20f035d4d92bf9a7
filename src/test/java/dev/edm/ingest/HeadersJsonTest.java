package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsBackAsTheSameHeaders() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-shopify-topic", "orders/create");
        headers.put("x-quote", "say \"hi\" \\ back/slash");
        headers.put("x-control", "tab\there\nnew line \u0001 caf\u00e9");
        headers.put("x-empty", "");
        headers.put("x-edges", "\"escaped first and last\\");
        headers.put("x-\u0002", "plain value, escaped name");
        String json = HeadersJson.write(headers);
        assertThat(JSON.readValue(json, new TypeReference<Map<String, String>>() {}))
                .containsExactlyEntriesOf(headers);
        assertThat(HeadersJson.write(Map.of())).isEqualTo("{}");
        assertThat(HeadersJson.write(Map.of("a", "b"))).isEqualTo("{\"a\":\"b\"}");
    }
}

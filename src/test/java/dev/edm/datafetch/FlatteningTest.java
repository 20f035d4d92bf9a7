package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatteningTest {
    static List<JsonNode> users() throws Exception {
        try (InputStream in = FlatteningTest.class.getResourceAsStream("/fixtures/jsonplaceholder/users.json")) {
            return Json.elements(Json.read(in.readAllBytes()));
        }
    }

    @Test
    void jsonPlaceholderUsersBecomeDottedColumns() throws Exception {
        Flattening.Rows rows = Flattening.rows(users());
        assertThat(rows.columns())
                .containsExactly(
                        "id",
                        "name",
                        "username",
                        "email",
                        "address.street",
                        "address.suite",
                        "address.city",
                        "address.zipcode",
                        "address.geo.lat",
                        "address.geo.lng",
                        "phone",
                        "website",
                        "company.name",
                        "company.catchPhrase",
                        "company.bs");
        assertThat(rows.rows()).hasSize(10);
        List<Object> leanne = rows.rows().get(0);
        assertThat(leanne.get(rows.columns().indexOf("address.city"))).isEqualTo("Gwenborough");
        assertThat(leanne.get(rows.columns().indexOf("address.geo.lat"))).isEqualTo("-37.3159");
    }

    @Test
    void columnsAreTheUnionInFirstSeenOrderAndArraysAreJsonText() throws Exception {
        Flattening.Rows rows = Flattening.rows(Json.elements(
                Json.MAPPER.readTree("[{\"a\":1,\"tags\":[\"x\",{\"y\":2}]},{\"b\":{\"c\":null},\"a\":2}]")));
        assertThat(rows.columns()).containsExactly("a", "tags", "b.c");
        assertThat(rows.rows().get(0)).containsExactly(1, "[\"x\",{\"y\":2}]", null);
        assertThat(rows.rows().get(1)).containsExactly(2, null, null);
    }
}

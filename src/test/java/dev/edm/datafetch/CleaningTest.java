package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CleaningTest {
    private static List<JsonNode> records(String json) throws Exception {
        return Json.elements(Json.MAPPER.readTree(json));
    }

    @Test
    void emailsDifferingOnlyInCaseAndSpaceAreDuplicates() throws Exception {
        // the old tool deduplicated before lower-casing, so these two survived as different people
        Cleaning.Cleaned c = Cleaning.clean(
                records("[{\"name\":\" Ann \",\"email\":\"A@X.com\"},{\"name\":\"Ann\",\"email\":\"a@x.com \"}]"),
                Optional.empty());
        assertThat(c.records()).hasSize(1);
        assertThat(c.duplicatesRemoved()).isEqualTo(1);
        assertThat(c.records().get(0).get("email").asText()).isEqualTo("a@x.com");
        assertThat(c.records().get(0).get("name").asText()).isEqualTo("Ann");
    }

    @Test
    void dedupeByAFieldKeepsTheFirstRecord() throws Exception {
        Cleaning.Cleaned c = Cleaning.clean(
                records("[{\"id\":1,\"email\":\"Bob@Example.org\"},{\"id\":2,\"email\":\" bob@example.ORG\"},"
                        + "{\"id\":3,\"email\":\"carol@example.org\"}]"),
                Optional.of("email"));
        assertThat(c.records()).extracting(r -> r.get("id").asInt()).containsExactly(1, 3);
        assertThat(c.duplicatesRemoved()).isEqualTo(1);
    }

    @Test
    void invalidEmailsAreReportedAndKept() throws Exception {
        Cleaning.Cleaned c = Cleaning.clean(
                records("[{\"id\":7,\"email\":\"not-an-email\"},{\"id\":8,\"contact\":{\"workEmail\":\"A@@b\"}},"
                        + "{\"id\":9,\"email\":\"ok@shop.example\"},{\"id\":10,\"email\":\"\"}]"),
                Optional.empty());
        assertThat(c.records()).hasSize(4);
        assertThat(c.invalidEmails())
                .containsExactly(
                        new FetchSummary.InvalidEmail(1, "7", "email", "not-an-email"),
                        new FetchSummary.InvalidEmail(2, "8", "contact.workEmail", "a@@b"));
    }

    @Test
    void nestedStringsAndArraysAreTrimmedAndOtherValuesKept() throws Exception {
        Cleaning.Cleaned c = Cleaning.clean(
                records("[{\"tags\":[\" a \",\"b \"],\"address\":{\"city\":\" Gwenborough \"},\"n\":1.50,"
                        + "\"ok\":true,\"x\":null}]"),
                Optional.empty());
        assertThat(Json.compact(c.records().get(0)))
                .isEqualTo("{\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Gwenborough\"},\"n\":1.50,\"ok\":true,"
                        + "\"x\":null}");
    }
}

package dev.edm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Personal values in Shopify's orders/create sample: customer, billing and shipping address. */
    private static final List<String> PERSONAL_VALUES = List.of(
            "jon@example.com",
            "john@example.com",
            "John",
            "Smith",
            "Steve",
            "Shipper",
            "555-555-SHIP",
            "123-123-1234",
            "123 Shipping Street",
            "Shippington",
            "40003",
            "123 Elm St.",
            "Ottawa",
            "K2H7A8");

    private static byte[] orderCreate() {
        try (InputStream in =
                PersonalDataTest.class.getResourceAsStream("/fixtures/shopify/topic_orders__create.json")) {
            assertThat(in).as("fixture on the test classpath").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fixtureContainsThePersonalValues() {
        String original = new String(orderCreate(), StandardCharsets.UTF_8);

        assertThat(original).contains(PERSONAL_VALUES);
    }

    @Test
    void orderPersonalDataIsMasked() {
        String masked = PersonalData.maskedJson(orderCreate());

        for (String value : PERSONAL_VALUES) {
            assertThat(masked).as(value).doesNotContain(value);
        }
    }

    @Test
    void maskedFieldsCarryTheMarker() throws IOException {
        JsonNode masked = MAPPER.readTree(PersonalData.maskedJson(orderCreate()));

        assertThat(masked.path("email").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.path("contact_email").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/email").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/first_name").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/last_name").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/default_address/address1").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/default_address/city").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/default_address/zip").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/customer/default_address/phone").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/shipping_address/name").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/billing_address/address1").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/billing_address/phone").asText()).isEqualTo(PersonalData.MASK);
        assertThat(masked.at("/phone").isNull()).as("null stays null").isTrue();
    }

    @Test
    void nonPersonalFieldsAreKept() throws IOException {
        JsonNode masked = MAPPER.readTree(PersonalData.maskedJson(orderCreate()));

        assertThat(masked.path("id").isIntegralNumber()).isTrue();
        assertThat(masked.path("id").asLong()).isEqualTo(820982911946154508L);
        assertThat(masked.path("name").asText()).isEqualTo("#9999");
        assertThat(masked.path("total_price").asText()).isEqualTo("404.95");
        assertThat(masked.path("currency").asText()).isEqualTo("USD");
        assertThat(masked.at("/customer/id").asLong()).isEqualTo(115310627314723954L);

        JsonNode items = masked.path("line_items");
        assertThat(items.size()).isEqualTo(5);
        JsonNode first = items.get(0);
        assertThat(first.path("id").asLong()).isEqualTo(487817672276298554L);
        assertThat(first.path("sku").asText()).isEqualTo("SKU2006-001");
        assertThat(first.path("quantity").asInt()).isEqualTo(1);
        assertThat(first.path("price").asText()).isEqualTo("89.99");
        assertThat(first.path("name").asText()).isEqualTo("Aviator sunglasses");
        JsonNode last = items.get(4);
        assertThat(last.path("sku").asText()).isEqualTo("SKU2006-035");
        assertThat(last.path("price").asText()).isEqualTo("119.99");
    }

    @Test
    void emailInsideAnyTextFieldIsMasked() throws IOException {
        byte[] body = "{\"note\":\"call jane.doe@example.org today\",\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);

        JsonNode masked = MAPPER.readTree(PersonalData.maskedJson(body));

        assertThat(masked.path("note").asText()).isEqualTo("call " + PersonalData.MASK + " today");
        assertThat(masked.path("sku").asText()).isEqualTo("A-1");
    }

    @Test
    void nonJsonBodyHasItsEmailsMasked() {
        byte[] body =
                "Order 1001 for jane.doe@example.org, copy to ops@shop.example\nqty 2".getBytes(StandardCharsets.UTF_8);

        String masked = PersonalData.maskedJson(body);

        assertThat(masked)
                .isEqualTo("Order 1001 for " + PersonalData.MASK + ", copy to " + PersonalData.MASK + "\nqty 2");
    }

    @Test
    void formEncodedBodyDoesNotLeakTheEmail() {
        byte[] body = "order=1001&email=jane.doe%2Bx@example.org&qty=2".getBytes(StandardCharsets.UTF_8);

        String masked = PersonalData.maskedJson(body);

        assertThat(masked)
                .contains(PersonalData.MASK)
                .doesNotContain("jane.doe")
                .doesNotContain("example.org");
    }

    @Test
    void xmlBodiesAreShownWithUserIdsNamesAddressesAndEmailsMasked() throws IOException {
        byte[] soap;
        try (InputStream in = PersonalDataTest.class.getResourceAsStream(
                "/fixtures/ebay/legacy_platform_notification_ItemSold.xml")) {
            soap = in.readAllBytes();
        }
        String shown = PersonalData.maskedJson(soap);
        assertThat(shown)
                .doesNotContain("Buyer1", "buyer@email.com", "Seller1", "seller@email.com", "ve2@aol.com", "95125")
                .doesNotContain("nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJkoWoCJaGoAmdj6x9nY+seQ==")
                .contains("250000627102", "Test Item{Won/Sold} notify", PersonalData.MASK);
    }

    @Test
    void anXmlBodyWithADoctypeIsNeverParsedForDisplay() {
        String xxe =
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><a>&x; me@example.com</a>";
        assertThat(PersonalData.maskedJson(xxe.getBytes(StandardCharsets.UTF_8)))
                .contains("&x;")
                .doesNotContain("me@example.com");
    }
}

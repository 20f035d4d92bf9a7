package dev.edm.platform.ebay;

import static dev.edm.testing.EbayRequests.fixture;
import static dev.edm.testing.EbayRequests.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.platform.PersonalData;
import dev.edm.testing.EbayRequests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who eBay deliveries name, what an account deletion asks to forget, and that redaction keeps the state. */
class EbayPersonalDataTest {
    final EbayPersonalData rules = new EbayPersonalData();
    static final byte[] SOLD = fixtureBytes("legacy_platform_notification_ItemSold.xml");
    static final byte[] TRANSACTION = fixtureBytes("constructed_FixedPriceTransaction.xml");

    @Test
    void aLegacySaleNamesTheSellerAndTheBuyer() {
        assertThat(rules.subjects("ItemSold", SOLD))
                .contains(
                        "Seller1",
                        "seller@email.com",
                        "Buyer1",
                        "buyer@email.com",
                        "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJkoWoCJaGoAmdj6x9nY+seQ==",
                        "ve2@aol.com");
        assertThat(rules.subjects("FixedPriceTransaction", TRANSACTION))
                .contains("jane_buyer", "jane.buyer@example.com", "mugseller", "jane_buyer_1a2b3c@members.ebay.com");
    }

    @Test
    void aNotificationApiPayloadNamesItsUsers() {
        String body = EbayRequests.notification(
                "ORDER_CONFIRMATION",
                "n",
                "2026-01-01T00:00:00Z",
                "{\"orderId\":\"1\",\"buyer\":{\"username\":\"jane_buyer\",\"email\":\"j@example.com\"},"
                        + "\"seller\":{\"userName\":\"mugseller\",\"userId\":\"u1\"}}");
        assertThat(rules.subjects("ORDER_CONFIRMATION", body.getBytes(StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrder("jane_buyer", "j@example.com", "mugseller", "u1");
    }

    @Test
    void anAccountDeletionAsksToForgetItsUser() {
        byte[] deletion = fixtureBytes("marketplace_account_deletion.compact.json");
        assertThat(rules.erasureRequest("MARKETPLACE_ACCOUNT_DELETION", deletion))
                .containsExactly(
                        "test_user", "ma8vp1jySJC", "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==");
        assertThat(rules.erasureRequest("ITEM_AVAILABILITY", deletion)).isEmpty();
        assertThat(rules.erasureRequest("ItemSold", SOLD)).isEmpty();
    }

    @Test
    void redactingALegacySaleRemovesEveryPersonButKeepsWhatStateComesFrom() {
        String before = new String(TRANSACTION, StandardCharsets.UTF_8);
        byte[] redacted = rules.redact("FixedPriceTransaction", TRANSACTION);
        String after = new String(redacted, StandardCharsets.UTF_8);

        assertThat(after)
                .doesNotContain(
                        "jane_buyer",
                        "jane.buyer@example.com",
                        "Jane Buyer",
                        "1 Main Street",
                        "Ottawa",
                        "K1A 0B1",
                        "613 555 0100",
                        "mugseller",
                        "seller@mugs.example",
                        "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wFk4GkDpWEpwmdj6x9nY+seQ==")
                .contains(PersonalData.MASK, "110000000001", "MUG-1", "Blue mug", "2000000001", "12.50");
        assertThat(rules.subjects("FixedPriceTransaction", redacted)).containsOnly(PersonalData.MASK);
        // replay of the redacted body gives the same events
        assertThat(PlatformPayloads.interpret("FixedPriceTransaction", "mugseller", redacted, Instant.EPOCH))
                .isEqualTo(
                        PlatformPayloads.interpret("FixedPriceTransaction", "mugseller", TRANSACTION, Instant.EPOCH));
        assertThat(before).contains("jane_buyer");
    }

    @Test
    void redactingKeepsVariationSpecificsSoVariantIdsStay() {
        byte[] listing = fixtureBytes("constructed_ItemListed_variations.xml");
        byte[] redacted = rules.redact("ItemListed", listing);
        assertThat(PlatformPayloads.interpret("ItemListed", "mugseller", redacted, Instant.EPOCH))
                .isEqualTo(PlatformPayloads.interpret("ItemListed", "mugseller", listing, Instant.EPOCH));
        String sold = new String(rules.redact("ItemSold", SOLD), StandardCharsets.UTF_8);
        assertThat(sold).doesNotContain("Buyer1", "buyer@email.com", "95125", "Seller1", "ve2@aol.com");
    }

    @Test
    void redactingJsonMasksUsersNamesAddressesAndPhones() {
        String body = EbayRequests.notification(
                "ORDER_CONFIRMATION",
                "n",
                "2026-01-01T00:00:00Z",
                "{\"orderId\":\"1\",\"quantity\":2,\"buyer\":{\"username\":\"jane_buyer\",\"buyerRegistrationAddress\":"
                        + "{\"fullName\":\"Jane Buyer\",\"contactAddress\":{\"city\":\"Ottawa\"},\"primaryPhone\":"
                        + "{\"phoneNumber\":\"6135550100\"},\"email\":\"j@example.com\"}}}");
        String after = new String(
                rules.redact("ORDER_CONFIRMATION", body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(after)
                .doesNotContain("jane_buyer", "Jane Buyer", "Ottawa", "6135550100", "j@example.com")
                .contains("\"orderId\":\"1\"", "\"quantity\":2");
    }

    @Test
    void theDeletionItselfIsRedacted() {
        byte[] deletion = fixtureBytes("marketplace_account_deletion.compact.json");
        String after = new String(rules.redact("MARKETPLACE_ACCOUNT_DELETION", deletion), StandardCharsets.UTF_8);
        assertThat(after)
                .doesNotContain("test_user", "ma8vp1jySJC", "nY+sHZ2P")
                .contains("49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d");
        assertThat(fixture("marketplace_account_deletion.compact.json")).contains("test_user");
    }
}

package dev.edm.platform.amazon;

import static dev.edm.platform.JsonFields.decimal;
import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.time;
import static dev.edm.platform.amazon.AmazonPayloads.object;
import static dev.edm.platform.amazon.AmazonPayloads.orElse;
import static dev.edm.platform.amazon.AmazonPayloads.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.PriceObserved;
import dev.edm.event.Money;
import dev.edm.event.StoreKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * ANY_OFFER_CHANGED and PRICING_HEALTH (keys in lower case) to price observations: for the item's condition,
 * this seller's landed price, the featured offer (Buy Box) price, the lowest price, the competitive price
 * threshold and the number of offers. Landed price = listing price + shipping.
 */
final class AmazonPrices {
    private AmazonPrices() {}

    static List<CanonicalEvent> anyOfferChanged(StoreKey store, String type, JsonNode payload, Instant at) {
        JsonNode n = object(payload, "anyofferchangednotification", "AnyOfferChangedNotification");
        JsonNode trigger = object(n, "offerchangetrigger", "OfferChangeTrigger");
        String condition = condition(trigger);
        JsonNode summary = n.path("summary");
        Money own = null;
        for (JsonNode offer : n.path("offers")) {
            if (store.store().equals(text(offer, "sellerid"))) {
                own = landed(offer);
                break;
            }
        }
        Money lowest = null;
        for (JsonNode price : summary.path("lowestprices")) {
            Money landed = matches(price, condition) ? landed(price) : null;
            if (landed != null && (lowest == null || landed.amount().compareTo(lowest.amount()) < 0)) {
                lowest = landed;
            }
        }
        return List.of(new PriceObserved(
                store,
                orElse(time(trigger, "timeofofferchange"), at),
                required(text(trigger, "marketplaceid"), "OfferChangeTrigger.MarketplaceId"),
                required(text(trigger, "asin"), "OfferChangeTrigger.ASIN"),
                condition,
                type,
                own,
                buyBox(summary, condition),
                lowest,
                money(summary.path("competitivepricethreshold")),
                offerCount(summary, condition),
                null));
    }

    static List<CanonicalEvent> pricingHealth(StoreKey store, String type, JsonNode payload, Instant at) {
        JsonNode trigger = object(payload, "offerchangetrigger", "offerChangeTrigger");
        String condition = condition(trigger);
        JsonNode summary = payload.path("summary");
        String issue = text(payload, "issuetype");
        return List.of(new PriceObserved(
                store,
                orElse(time(trigger, "timeofofferchange"), at),
                required(text(trigger, "marketplaceid"), "offerChangeTrigger.marketplaceId"),
                required(text(trigger, "asin"), "offerChangeTrigger.asin"),
                condition,
                type,
                landed(payload.path("merchantoffer")),
                buyBox(summary, condition),
                null,
                money(summary.path("referenceprice").path("competitivepricethreshold")),
                offerCount(summary, condition),
                issue == null || issue.length() > 64 ? null : issue));
    }

    private static String condition(JsonNode trigger) {
        String condition = text(trigger, "itemcondition");
        return condition == null || condition.length() > 32 ? null : condition.toLowerCase(Locale.ROOT);
    }

    private static boolean matches(JsonNode entry, String condition) {
        String own = text(entry, "condition");
        return condition == null || own == null || own.equalsIgnoreCase(condition);
    }

    private static Money buyBox(JsonNode summary, String condition) {
        for (JsonNode price : summary.path("buyboxprices")) {
            if (matches(price, condition)) {
                return landed(price);
            }
        }
        return null;
    }

    private static Integer offerCount(JsonNode summary, String condition) {
        Integer total = null;
        for (JsonNode count : summary.path("numberofoffers")) {
            Integer n = integer(count, "offercount");
            if (n != null && matches(count, condition)) {
                total = (total == null ? 0 : total) + n;
            }
        }
        return total;
    }

    /** The landed price, else listing price plus shipping (when in one currency), else the listing price. */
    private static Money landed(JsonNode offer) {
        Money landed = money(offer.path("landedprice"));
        if (landed != null) {
            return landed;
        }
        Money listing = money(offer.path("listingprice"));
        Money shipping = money(offer.path("shipping"));
        if (listing == null || shipping == null || !sameCurrency(listing, shipping)) {
            return listing;
        }
        return new Money(listing.amount().add(shipping.amount()), listing.currency());
    }

    private static boolean sameCurrency(Money a, Money b) {
        return a.currency() == null ? b.currency() == null : a.currency().equals(b.currency());
    }

    /** {@code {Amount, CurrencyCode}}; null when absent. */
    private static Money money(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        BigDecimal amount = decimal(node, "amount");
        if (amount == null) {
            return null;
        }
        // JSON trees strip trailing zeros (10.0 -> 1E+1): keep whole amounts plain
        return new Money(amount.scale() < 0 ? amount.setScale(0) : amount, text(node, "currencycode"));
    }
}

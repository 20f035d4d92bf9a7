package dev.edm.platform.ebay;

import static dev.edm.platform.SafeXml.child;
import static dev.edm.platform.SafeXml.children;
import static dev.edm.platform.SafeXml.text;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Money;
import dev.edm.event.StoreKey;
import dev.edm.platform.UnreadablePayloadException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Legacy Platform Notifications to canonical events. {@code ItemListed}/{@code ItemRevised} carry the whole
 * listing ({@code GetItemResponse}): catalog plus available quantity (Quantity - QuantitySold) per variation.
 * {@code FixedPriceTransaction}/{@code AuctionCheckoutComplete} ({@code GetItemTransactionsResponse}) are sales
 * keyed by order line ItemID-TransactionID, so both reporting one purchase count it once. {@code ItemSold}
 * ends a listing: catalog and stock, plus the sale of an auction (its order line is ItemID-0).
 * {@code ItemOutOfStock} sets the listing's stock to 0.
 */
final class PlatformPayloads {
    private static final Set<String> HANDLED = Set.of(
            "ItemListed",
            "ItemRevised",
            "ItemSold",
            "FixedPriceTransaction",
            "AuctionCheckoutComplete",
            "ItemOutOfStock");

    private PlatformPayloads() {}

    static boolean handles(String event) {
        return event != null && HANDLED.contains(event);
    }

    static List<CanonicalEvent> interpret(String event, String store, byte[] body, Instant receivedAt) {
        StoreKey key = EbayWebhooks.sellerStore(store, "RecipientUserID");
        SoapNotification n = SoapNotification.read(body);
        Instant at = time(n.timestamp(), receivedAt);
        Element item = n.item();
        if (item == null) {
            throw new UnreadablePayloadException(event + " has no Item");
        }
        return switch (event) {
            case "ItemListed", "ItemRevised" -> listing(key, item, at);
            case "ItemSold" -> sold(key, item, at);
            case "FixedPriceTransaction", "AuctionCheckoutComplete" -> transactions(key, n.response(), item, at);
            case "ItemOutOfStock" -> outOfStock(key, item, at);
            default -> List.of();
        };
    }

    /** The listing and the available quantity of each of its variations. */
    private static List<CanonicalEvent> listing(StoreKey store, Element item, Instant at) {
        String itemId = required(text(item, "ItemID"), "Item.ItemID");
        String title = text(item, "Title");
        Money price = firstMoney(item, "SellingStatus/CurrentPrice", "StartPrice", "BuyItNowPrice");
        List<Variant> variants = new ArrayList<>();
        List<Element> variations = children(child(item, "Variations"), "Variation");
        if (variations.isEmpty()) {
            Integer available = available(item);
            variants.add(new Variant(itemId, text(item, "SKU"), title, price, itemId, available));
        }
        for (Element v : variations) {
            String id = EbayIds.variationId(itemId, text(v, "SKU"), EbayIds.specifics(v));
            String named = EbayIds.specificsValues(v);
            variants.add(new Variant(
                    id,
                    text(v, "SKU"),
                    named.isEmpty() ? title : title + " - " + named,
                    firstMoney(v, "StartPrice", "SellingStatus/CurrentPrice"),
                    id,
                    available(v)));
        }
        List<CanonicalEvent> events = new ArrayList<>();
        events.add(new ProductUpserted(store, at, itemId, title, status(item), variants));
        for (Variant v : variants) {
            if (v.inventoryQuantity() != null) {
                events.add(
                        new StockLevelChanged(store, at, v.inventoryItemId(), EbayIds.LOCATION, v.inventoryQuantity()));
            }
        }
        return events;
    }

    private static List<CanonicalEvent> sold(StoreKey store, Element item, Instant at) {
        List<CanonicalEvent> events = new ArrayList<>(listing(store, item, at));
        if ("Chinese".equals(text(item, "ListingType"))) {
            String itemId = text(item, "ItemID");
            Integer sold = integer(text(item, "SellingStatus", "QuantitySold"), "QuantitySold");
            String line = itemId + "-0";
            events.add(new SaleRecorded(
                    store,
                    time(text(item, "ListingDetails", "EndTime"), at),
                    line,
                    line,
                    itemId,
                    text(item, "SKU"),
                    sold == null || sold <= 0 ? 1 : sold,
                    firstMoney(item, "SellingStatus/CurrentPrice")));
        }
        return events;
    }

    private static List<CanonicalEvent> transactions(StoreKey store, Element response, Element item, Instant at) {
        String itemId = required(text(item, "ItemID"), "Item.ItemID");
        List<CanonicalEvent> events = new ArrayList<>();
        boolean variations = false;
        for (Element t : children(child(response, "TransactionArray"), "Transaction")) {
            String transactionId = required(text(t, "TransactionID"), "Transaction.TransactionID");
            Integer quantity = integer(text(t, "QuantityPurchased"), "QuantityPurchased");
            Element variation = child(t, "Variation");
            variations |= variation != null;
            String sku = variation != null ? text(variation, "SKU") : text(item, "SKU");
            String variantId =
                    variation != null ? EbayIds.variationId(itemId, sku, EbayIds.specifics(variation)) : itemId;
            String line = itemId + "-" + transactionId;
            if (quantity == null || quantity > 0) {
                events.add(new SaleRecorded(
                        store,
                        time(text(t, "CreatedDate"), at),
                        line,
                        line,
                        variantId,
                        sku,
                        quantity == null ? 1 : quantity,
                        firstMoney(t, "TransactionPrice")));
            }
        }
        Integer available = available(item);
        if (!variations && available != null) {
            events.add(new StockLevelChanged(store, at, itemId, EbayIds.LOCATION, available));
        }
        return events;
    }

    private static List<CanonicalEvent> outOfStock(StoreKey store, Element item, Instant at) {
        String itemId = required(text(item, "ItemID"), "Item.ItemID");
        List<CanonicalEvent> events = new ArrayList<>();
        List<Element> variations = children(child(item, "Variations"), "Variation");
        if (variations.isEmpty()) {
            events.add(new StockLevelChanged(store, at, itemId, EbayIds.LOCATION, 0));
        }
        for (Element v : variations) {
            events.add(new StockLevelChanged(
                    store, at, EbayIds.variationId(itemId, text(v, "SKU"), EbayIds.specifics(v)), EbayIds.LOCATION, 0));
        }
        return events;
    }

    /** Quantity - SellingStatus.QuantitySold (eBay's Quantity counts every unit ever listed), never below 0. */
    private static Integer available(Element listing) {
        Integer quantity = integer(text(listing, "Quantity"), "Quantity");
        if (quantity == null) {
            return null;
        }
        Integer sold = integer(text(listing, "SellingStatus", "QuantitySold"), "QuantitySold");
        return Math.max(0, quantity - (sold == null ? 0 : sold));
    }

    private static String status(Element item) {
        String status = text(item, "SellingStatus", "ListingStatus");
        return status == null || status.equals("Active") ? "active" : "ended";
    }

    /** The first present amount among these paths (a/b for nested), with its currencyID attribute. */
    private static Money firstMoney(Element parent, String... paths) {
        for (String path : paths) {
            Element e = parent;
            for (String name : path.split("/")) {
                e = child(e, name);
            }
            if (e != null && !e.getTextContent().isBlank()) {
                try {
                    String currency = e.getAttribute("currencyID");
                    return new Money(new BigDecimal(e.getTextContent().strip()), currency.isBlank() ? null : currency);
                } catch (NumberFormatException ex) {
                    throw new UnreadablePayloadException(path + " is not an amount: " + e.getTextContent());
                }
            }
        }
        return null;
    }

    private static Integer integer(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UnreadablePayloadException(field + " is not a whole number: " + value);
        }
    }

    private static Instant time(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnreadablePayloadException("not a time: " + value);
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new UnreadablePayloadException("missing " + field);
        }
        return value;
    }
}

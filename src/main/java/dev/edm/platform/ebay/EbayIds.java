package dev.edm.platform.ebay;

import static dev.edm.platform.SafeXml.child;
import static dev.edm.platform.SafeXml.children;
import static dev.edm.platform.SafeXml.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * How eBay listings become edm ids. A listing (legacy ItemID) is a product. A single-variation listing is one
 * variant whose id is the ItemID; a variation of a multi-variation listing is {@code ItemID/SKU} (or
 * {@code ItemID/Name=Value;...} of its specifics when it has no SKU). Stock is reported per variant at one
 * location, {@value #LOCATION}, with the variant id as inventory item id. SKU is the join key across
 * platforms.
 */
final class EbayIds {
    /** The one stock location of an eBay listing. */
    static final String LOCATION = "ebay";

    private EbayIds() {}

    /** The variant id of a variation of the listing. */
    static String variationId(String itemId, String sku, String specifics) {
        if (sku != null) {
            return itemId + "/" + sku;
        }
        return itemId + "/" + (specifics.isEmpty() ? "variation" : specifics);
    }

    /** {@code Name=Value;...} of a legacy Variation's VariationSpecifics, in document order. */
    static String specifics(Element variation) {
        List<String> pairs = new ArrayList<>();
        for (Element nv : children(child(variation, "VariationSpecifics"), "NameValueList")) {
            pairs.add(text(nv, "Name") + "=" + String.join(",", values(nv)));
        }
        return String.join(";", pairs);
    }

    /** The values of a legacy Variation's specifics for a title, e.g. {@code Red / M}. */
    static String specificsValues(Element variation) {
        List<String> values = new ArrayList<>();
        for (Element nv : children(child(variation, "VariationSpecifics"), "NameValueList")) {
            values.add(String.join(",", values(nv)));
        }
        return String.join(" / ", values);
    }

    private static List<String> values(Element nameValue) {
        List<String> values = new ArrayList<>();
        for (Element v : children(nameValue, "Value")) {
            values.add(v.getTextContent().strip());
        }
        return values;
    }

    /**
     * A Notification API item id: RESTful {@code v1|<legacy item id>|<legacy variation id>} or a legacy
     * item id; the variant id follows the legacy rules (the variation's SKU when given).
     */
    record ItemRef(String itemId, String variantId) {
        static ItemRef of(String restfulOrLegacyId, String sku) {
            String[] parts = restfulOrLegacyId.split("\\|", -1);
            String itemId = parts.length >= 2 ? parts[1] : restfulOrLegacyId;
            String variation = parts.length >= 3 ? parts[2] : "0";
            if (itemId.isBlank()) {
                return null;
            }
            if (variation.isBlank() || variation.equals("0")) {
                return new ItemRef(itemId, itemId);
            }
            return new ItemRef(itemId, variationId(itemId, sku, "variation-" + variation));
        }
    }
}

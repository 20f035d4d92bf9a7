package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaitingIdsTest {
    private static String key(String platform, String webhookId) {
        return JournalInbox.key(platform, webhookId);
    }

    @Test
    void keysAreExactAcrossPlatformsCaseAndShape() {
        WaitingIds ids = new WaitingIds();
        String uuid = "0f8e6f4a-6c1d-4e1b-9a55-3b2f3e4d5c6b";
        ids.put(key("shopify", uuid), 1);
        ids.put(key("amazon", uuid), 2);
        ids.put(key("shopify", uuid.toUpperCase(Locale.ROOT)), 3); // another id: webhook ids compare exactly
        ids.put(key("woocommerce", "12345"), 4);
        ids.put(key("shopify", uuid.replace("-", "")), 5); // 32 hex digits, not the dashed form

        assertThat(ids.get(key("shopify", uuid))).isEqualTo(1L);
        assertThat(ids.get(key("amazon", uuid))).isEqualTo(2L);
        assertThat(ids.get(key("shopify", uuid.toUpperCase(Locale.ROOT)))).isEqualTo(3L);
        assertThat(ids.get(key("woocommerce", "12345"))).isEqualTo(4L);
        assertThat(ids.get(key("shopify", uuid.replace("-", "")))).isEqualTo(5L);
        assertThat(ids.get(key("ebay", uuid))).isNull();
        assertThat(ids.get(key("shopify", "0f8e6f4a-6c1d-4e1b-9a55-3b2f3e4d5c6c")))
                .isNull();
        assertThat(ids.get(key("shopify", "0f8e6f4a-6c1d-4e1b-9a55+3b2f3e4d5c6b")))
                .isNull();
        assertThat(ids.size()).isEqualTo(5);

        // ids of every other shape are held by their characters, exactly
        String ebay = "49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d";
        String longest = "x".repeat(0xFFFF);
        String beyond = "y".repeat(0x10000);
        ids.put(key("ebay", ebay), 6);
        ids.put(key("standard", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"), 7);
        ids.put(key("shopify", ""), 8);
        ids.put(key("shopify", longest), 9);
        ids.put(key("shopify", beyond), 10);
        assertThat(ids.get(key("ebay", ebay))).isEqualTo(6L);
        assertThat(ids.get(key("ebay", ebay.substring(0, ebay.length() - 1) + "e")))
                .isNull();
        assertThat(ids.get(key("standard", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"))).isEqualTo(7L);
        assertThat(ids.get(key("standard", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4w"))).isNull();
        assertThat(ids.get(key("shopify", ""))).isEqualTo(8L);
        assertThat(ids.get(key("woocommerce", ""))).isNull();
        assertThat(ids.get(key("shopify", longest))).isEqualTo(9L);
        assertThat(ids.get(key("shopify", longest.substring(1)))).isNull();
        assertThat(ids.get(key("shopify", beyond))).isEqualTo(10L);
        assertThat(ids.size()).isEqualTo(10);
        ids.remove(key("shopify", ""), 8);
        ids.remove(key("shopify", beyond), 10);
        ids.remove(key("ebay", ebay));
        ids.remove(key("standard", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"));
        ids.remove(key("shopify", longest));
        assertThat(ids.get(key("shopify", beyond))).isNull();
        assertThat(ids.size()).isEqualTo(5);

        ids.remove(key("shopify", uuid), 99); // names another delivery: kept
        assertThat(ids.get(key("shopify", uuid))).isEqualTo(1L);
        ids.remove(key("shopify", uuid), 1);
        assertThat(ids.get(key("shopify", uuid))).isNull();
        assertThat(ids.get(key("amazon", uuid))).isEqualTo(2L);
        ids.remove(key("woocommerce", "12345"));
        assertThat(ids.get(key("woocommerce", "12345"))).isNull();
        assertThat(ids.size()).isEqualTo(3);
    }

    private static String randomId(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "order-" + random.nextInt(1_000_000);
            case 1 -> UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            case 2 -> Integer.toString(random.nextInt(50_000)); // short numeric ids repeat often
            case 3 -> {
                char[] chars = new char[1 + random.nextInt(90)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (' ' + random.nextInt(95));
                }
                yield new String(chars);
            }
            default -> UUID.randomUUID().toString();
        };
    }

    /**
     * Random adds, repeats and removals against a HashMap, through growth, tombstones, arena compaction and
     * emptying; ids of every shape (canonical and upper-case UUIDs, numbers, arbitrary printable text).
     */
    @Test
    void behavesAsAMapThroughGrowthRemovalsAndReuse() {
        Random random = new Random(42);
        WaitingIds ids = new WaitingIds();
        Map<String, Long> model = new HashMap<>();
        List<String> keys = new ArrayList<>();
        String[] platforms = {"shopify", "amazon", "bigcommerce"};
        long next = 1;
        for (int round = 0; round < 6; round++) {
            int adds = 20_000 + random.nextInt(20_000);
            for (int i = 0; i < adds; i++) {
                String id = randomId(random);
                String k = key(platforms[random.nextInt(platforms.length)], id);
                long deliveryId = next++;
                ids.put(k, deliveryId);
                model.put(k, deliveryId);
                keys.add(k);
                if (random.nextInt(20) == 0) { // a repeat of an earlier key
                    String earlier = keys.get(random.nextInt(keys.size()));
                    assertThat(ids.get(earlier)).isEqualTo(model.get(earlier));
                }
            }
            // imports remove most of what waits (in order, as the importer does), sometimes everything
            int keep = round % 2 == 0 ? 0 : random.nextInt(5_000);
            List<String> kept = new ArrayList<>(keys.subList(Math.max(0, keys.size() - keep), keys.size()));
            for (String k : keys.subList(0, keys.size() - kept.size())) {
                Long id = model.get(k);
                if (id != null && random.nextBoolean()) {
                    ids.remove(k, id);
                    model.remove(k);
                } else if (id != null) {
                    ids.remove(k);
                    model.remove(k);
                }
            }
            keys = kept;
            assertThat(ids.size()).isEqualTo(model.size());
            for (Map.Entry<String, Long> e : model.entrySet()) {
                assertThat(ids.get(e.getKey())).isEqualTo(e.getValue());
            }
            for (int i = 0; i < 1_000; i++) {
                String absent = key("shopify", UUID.randomUUID().toString() + (i % 2 == 0 ? "" : "-x"));
                assertThat(ids.get(absent)).isEqualTo(model.get(absent));
            }
            for (int i = 0; i < 1_000; i++) {
                String probe = key(platforms[random.nextInt(platforms.length)], randomId(random));
                assertThat(ids.get(probe)).isEqualTo(model.get(probe));
            }
        }
    }
}

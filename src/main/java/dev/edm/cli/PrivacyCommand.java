package dev.edm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.event.Platform;
import dev.edm.ingest.PrivacyExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edm privacy export --shop S --customer ID}: what edm holds about a Shopify customer, as JSON. */
@Command(
        name = "privacy",
        description = "Answer privacy requests.",
        mixinStandardHelpOptions = true,
        subcommands = {PrivacyCommand.Export.class})
final class PrivacyCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: privacy needs a subcommand: export");
    }

    @Command(
            name = "export",
            description = "Print, as JSON, every stored delivery of a Shopify shop that names the customer "
                    + "(for a customers/data_request). Derived state holds no personal data.",
            mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Option(names = "--shop", required = true, description = "the shop domain, e.g. shop-a.myshopify.com")
        String shop;

        @Option(names = "--customer", required = true, description = "the Shopify customer id")
        String customer;

        @Override
        public Integer call() {
            String domain = shop.startsWith("shopify:") ? shop.substring("shopify:".length()) : shop;
            return Offline.run(core -> {
                ObjectNode doc = JSON.createObjectNode();
                doc.put("shop", domain).put("customer_id", customer);
                doc.put("derived_state", "no personal data: sales keep order id, line id, SKU, quantity and price");
                ArrayNode list = doc.putArray("deliveries");
                for (PrivacyExport.Held h : new PrivacyExport(core.database())
                        .deliveriesNaming(Platform.SHOPIFY, domain, "customer:" + customer)) {
                    ObjectNode d = list.addObject();
                    d.put("id", h.id())
                            .put("topic", h.topic())
                            .put("received_at", h.receivedAt().toString());
                    try {
                        d.set("body", JSON.readTree(h.body()));
                    } catch (IOException e) {
                        d.put("body", h.body());
                    }
                }
                try {
                    System.out.println(JSON.writeValueAsString(doc));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return 0;
            });
        }
    }
}

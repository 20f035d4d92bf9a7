package dev.edm.cli;

import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.stores.RegisteredStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm stores add|list|remove}: the store registry. Never prints a secret. */
@Command(
        name = "stores",
        description = "Configure each store once: platform, store id, name, webhook secrets, API token.",
        mixinStandardHelpOptions = true,
        subcommands = {StoresCommand.Add.class, StoresCommand.ListAll.class, StoresCommand.Remove.class})
final class StoresCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: stores needs a subcommand: add, list or remove");
    }

    /** A store named by platform and id. */
    static final class Target {
        @Parameters(
                index = "0",
                description = "the platform: shopify, woocommerce, bigcommerce, amazon, ebay, standard")
        String platform;

        @Parameters(
                index = "1",
                description =
                        "the store id: shop domain, store host, store hash, seller id or Standard Webhooks source")
        String storeId;

        StoreKey key() {
            Platform p = Platform.fromId(platform)
                    .orElseThrow(() -> new IllegalArgumentException("unknown platform " + platform));
            String id = storeId.strip();
            if (p == Platform.WOOCOMMERCE && id.contains("://")) {
                id = URI.create(id).getHost(); // the Site Address: its host is the store
            }
            // deliveries name these stores in lower case; seller ids and user names keep theirs
            boolean lowerCase = p != Platform.AMAZON && p != Platform.EBAY;
            return new StoreKey(p, lowerCase ? id.toLowerCase(Locale.ROOT) : id);
        }
    }

    @Command(
            name = "add",
            description = "Add a store, or replace its entry. Secrets: env:NAME, or - to read from stdin, "
                    + "or the secret itself (stored encrypted).")
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--name", description = "display name")
        String name;

        @Option(names = "--secret", description = "a webhook secret (repeat to accept several, for rotation)")
        List<String> secrets = new ArrayList<>();

        @Option(names = "--token", description = "the API token (BigCommerce: X-Auth-Token)")
        String token;

        @Override
        public Integer call() {
            List<String> given = new ArrayList<>();
            try {
                BufferedReader stdin = secrets.contains("-") || "-".equals(token)
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : null;
                for (String s : secrets) {
                    given.add(s.equals("-") ? readLine(stdin) : s);
                }
                if ("-".equals(token)) {
                    token = readLine(stdin);
                }
            } catch (IOException e) {
                System.err.println("edm: cannot read the secret from stdin: " + e.getMessage());
                return 2;
            }
            return Offline.run(core -> {
                StoreKey key = target.key();
                if (key.platform() == Platform.EBAY && (!given.isEmpty() || token != null)) {
                    System.err.println("edm: eBay signs with the application's keyset (EBAY_CLIENT_ID, ...), not per "
                            + "store: add the store without --secret/--token");
                    return 2;
                }
                boolean added = core.stores().add(key, name, given, Optional.ofNullable(token));
                System.out.println((added ? "added " : "updated ") + key.id() + " (" + given.size() + " secret"
                        + (given.size() == 1 ? "" : "s") + (token == null ? "" : ", API token") + ")");
                return 0;
            });
        }

        private static String readLine(BufferedReader stdin) throws IOException {
            String line = stdin.readLine();
            if (line == null || line.isBlank()) {
                throw new IOException("no secret on stdin");
            }
            return line.strip();
        }
    }

    @Command(name = "list", description = "List the stores, where their secrets come from, their last delivery.")
    static final class ListAll implements Callable<Integer> {
        @Override
        public Integer call() {
            return Offline.run(core -> {
                List<RegisteredStore> stores = core.stores().list();
                System.out.println(
                        "encrypted secrets use the key from " + core.stores().keySource());
                if (stores.isEmpty()) {
                    System.out.println("no stores registered (edm stores add PLATFORM STORE_ID ...)");
                }
                for (RegisteredStore s : stores) {
                    System.out.printf(
                            "%-45s %-12s %-24s secret: %s  token: %s  last delivery: %s  status: %s%n",
                            s.key().id(),
                            s.key().platform().id(),
                            s.name(),
                            s.secretSource(),
                            s.tokenSource(),
                            s.lastDelivery().map(Instant::toString).orElse("never"),
                            s.status());
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", description = "Remove a store's entry (its history stays).")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            return Offline.run(core -> {
                StoreKey key = target.key();
                boolean removed = core.stores().remove(key);
                System.out.println(removed ? "removed " + key.id() : "no store " + key.id() + " is registered");
                return removed ? 0 : 1;
            });
        }
    }
}

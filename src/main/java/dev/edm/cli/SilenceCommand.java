package dev.edm.cli;

import dev.edm.alerts.Rule;
import dev.edm.alerts.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm silence add|list|remove}: mute notices for a rule, SKU, store or everything until a time. */
@Command(
        name = "silence",
        description = "Mute alert notices for a rule, SKU, store or everything until a time.",
        mixinStandardHelpOptions = true,
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListAll.class, SilenceCommand.Remove.class})
final class SilenceCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: silence needs a subcommand: add, list or remove");
    }

    @Command(
            name = "add",
            description = "Add a silence (no option: every rule, store and SKU).",
            mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @Option(names = "--rule", description = "low_stock, out_of_stock, no_sales or integration_health")
        String rule;

        @Option(names = "--sku", description = "only this SKU")
        String sku;

        @Option(names = "--store", description = "only this store: platform:id (a bare domain means Shopify)")
        String store;

        @Mixin
        EndOptions until;

        @Option(names = "--comment", description = "why (planned maintenance, discontinued item, ...)")
        String comment;

        @Override
        public Integer call() {
            Optional<Rule> r = Optional.ofNullable(rule).flatMap(Rule::fromId);
            if (rule != null && r.isEmpty()) {
                System.err.println(
                        "edm: unknown rule " + rule + " (low_stock, out_of_stock, no_sales, " + "integration_health)");
                return 2;
            }
            Optional<String> storeKey =
                    Optional.ofNullable(store).map(String::strip).map(s -> s.contains(":") ? s : "shopify:" + s);
            return Offline.run(core -> {
                Optional<Instant> end = until.end(core.alerts().clock().instant());
                if (end.isEmpty()) {
                    return 2;
                }
                Silence s = core.alerts().silences().add(r, storeKey, Optional.ofNullable(sku), end.get(), comment);
                System.out.println("silence " + s.id() + " until " + s.endsAt());
                return 0;
            });
        }
    }

    @Command(name = "list", description = "List active silences.", mixinStandardHelpOptions = true)
    static final class ListAll implements Callable<Integer> {
        @Option(names = "--all", description = "expired ones too")
        boolean all;

        @Override
        public Integer call() {
            return Offline.run(core -> {
                List<Silence> silences = core.alerts().silences().list(all);
                if (silences.isEmpty()) {
                    System.out.println("no silences");
                    return 0;
                }
                System.out.printf(
                        "%-5s %-18s %-40s %-20s %-24s %s%n", "ID", "RULE", "STORE", "SKU", "UNTIL", "COMMENT");
                for (Silence s : silences) {
                    System.out.printf(
                            "%-5d %-18s %-40s %-20s %-24s %s%n",
                            s.id(),
                            s.rule().map(Rule::id).orElse("*"),
                            s.store().orElse("*"),
                            s.sku().orElse("*"),
                            s.endsAt(),
                            s.comment() == null ? "" : s.comment());
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", description = "Remove a silence.", mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", description = "the silence id (edm silence list)")
        long id;

        @Override
        public Integer call() {
            return Offline.run(core -> {
                if (core.alerts().silences().remove(id)) {
                    System.out.println("removed silence " + id);
                    return 0;
                }
                System.err.println("edm: no silence with id " + id);
                return 1;
            });
        }
    }
}

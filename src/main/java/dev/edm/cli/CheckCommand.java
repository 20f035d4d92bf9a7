package dev.edm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code edm check}: evaluates every alert rule now (the server also does this on a schedule). */
@Command(
        name = "check",
        description =
                "Evaluate every alert rule now (low stock, out of stock, no sales, integration health), send due repeats.",
        mixinStandardHelpOptions = true)
final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return Offline.run(core -> {
            var s = core.alerts().checkAll();
            System.out.printf(
                    "checked %d variants: %d alerts opened, %d resolved, %d open%n",
                    s.variants(), s.opened(), s.resolved(), s.open());
            return 0;
        });
    }
}

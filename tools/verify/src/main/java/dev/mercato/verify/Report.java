package dev.mercato.verify;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints what was checked, each invariant's verdict and up to a few examples of each violation. */
public record Report(Snapshot snapshot, List<Violation> violations) {

    private static final int EXAMPLES = 10;

    public boolean clean() {
        return violations.isEmpty();
    }

    public void print(PrintStream out) {
        Map<String, Long> byStatus = snapshot.orders().stream()
                .collect(Collectors.groupingBy(Snapshot.Order::status, TreeMap::new, Collectors.counting()));
        out.printf(
                "Checked %d orders %s, %d payments, %d provider payments, %d SKUs%n",
                snapshot.orders().size(),
                byStatus,
                snapshot.payments().size(),
                snapshot.providerPayments().size(),
                snapshot.stock().size());
        Map<Invariant, List<Violation>> byInvariant =
                violations.stream().collect(Collectors.groupingBy(Violation::invariant));
        for (Invariant invariant : Invariant.values()) {
            List<Violation> broken = byInvariant.getOrDefault(invariant, List.of());
            out.printf(
                    "  %s %-28s %s%n",
                    broken.isEmpty() ? "ok  " : "FAIL",
                    invariant.id() + (broken.isEmpty() ? "" : " (" + broken.size() + ")"),
                    invariant.description());
            broken.stream()
                    .limit(EXAMPLES)
                    .forEach(violation -> out.println("         " + violation.subject() + ": " + violation.detail()));
            if (broken.size() > EXAMPLES) {
                out.printf("         ... and %d more%n", broken.size() - EXAMPLES);
            }
        }
        out.println(clean() ? "No violations." : violations.size() + " violation(s).");
    }
}

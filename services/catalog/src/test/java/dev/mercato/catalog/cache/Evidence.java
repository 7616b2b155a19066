package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a scenario prints for {@code ./mercato scenario <name>} (as in libs/messaging's scenarios): lines starting with {@code EVIDENCE }, which the
 * command picks out of Maven's output, ending with the invariants and their verdicts. {@link #verdict()} fails the
 * test when an invariant was violated, after every one of them was printed.
 */
final class Evidence {

    static final String PREFIX = "EVIDENCE ";

    private final long started = System.nanoTime();
    private final List<String> violated = new ArrayList<>();

    Evidence(String scenario, String what) {
        line("scenario %s: %s", scenario, what);
    }

    /** A line of evidence. */
    void line(String format, Object... arguments) {
        System.out.println(PREFIX + String.format(Locale.ROOT, format, arguments));
        System.out.flush();
    }

    /** A line of evidence with the time since the scenario started. */
    void at(String format, Object... arguments) {
        line("[%5.1f s] %s", seconds(), String.format(Locale.ROOT, format, arguments));
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    void invariant(String what, boolean held, String observed) {
        line("invariant %s: %s (%s)", held ? "held" : "VIOLATED", what, observed);
        if (!held) {
            violated.add(what + " (" + observed + ")");
        }
    }

    void invariantEquals(String what, Object actual, Object expected) {
        invariant(
                what,
                Objects.equals(actual, expected),
                Objects.equals(actual, expected) ? String.valueOf(actual) : actual + ", expected " + expected);
    }

    void verdict() {
        line(
                "verdict: %s (%.1f s)",
                violated.isEmpty() ? "every invariant held" : violated.size() + " invariant(s) violated", seconds());
        assertThat(violated).as("violated invariants").isEmpty();
    }
}

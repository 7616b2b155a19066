package dev.mercato.testsupport.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a scenario prints for {@code ./mercato scenario <name>}: lines starting with {@code EVIDENCE }, which the
 * command picks out of Maven's output, ending with the invariants and their verdicts. {@link #verdict()} fails the
 * test when an invariant was violated, after every one of them was printed.
 */
public final class Evidence {

    public static final String PREFIX = "EVIDENCE ";

    private final long started = System.nanoTime();
    private final List<String> violated = new ArrayList<>();

    public Evidence(String scenario, String what) {
        line("scenario %s: %s", scenario, what);
    }

    /** A line of evidence. */
    public void line(String format, Object... arguments) {
        System.out.println(PREFIX + String.format(Locale.ROOT, format, arguments));
        System.out.flush();
    }

    /** A line of evidence with the time since the scenario started. */
    public void at(String format, Object... arguments) {
        line("[%5.1f s] %s", seconds(), String.format(Locale.ROOT, format, arguments));
    }

    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    public void invariant(String what, boolean held, String observed) {
        line("invariant %s: %s (%s)", held ? "held" : "VIOLATED", what, observed);
        if (!held) {
            violated.add(what + " (" + observed + ")");
        }
    }

    public void invariantEquals(String what, Object actual, Object expected) {
        invariant(
                what,
                Objects.equals(actual, expected),
                Objects.equals(actual, expected) ? String.valueOf(actual) : actual + ", expected " + expected);
    }

    public void verdict() {
        line(
                "verdict: %s (%.1f s)",
                violated.isEmpty() ? "every invariant held" : violated.size() + " invariant(s) violated", seconds());
        assertThat(violated).as("violated invariants").isEmpty();
    }
}

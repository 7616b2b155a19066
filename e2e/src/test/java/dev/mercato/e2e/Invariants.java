package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.scenario.Evidence;
import dev.mercato.verify.Report;
import dev.mercato.verify.Verify;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Every scenario ends here: the invariant checker of {@code ./mercato verify} over the platform's stores. */
final class Invariants {

    private Invariants() {}

    static void assertHold(Platform platform, Evidence evidence) throws Exception {
        Report report = new Verify(platform.stores(), Clock.systemUTC()).run(Duration.ofSeconds(60));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> evidence.line("%s", line.strip()));
        evidence.invariant(
                "./mercato verify finds no violation",
                report.clean(),
                report.violations().size() + " violation(s)");
        assertThat(report.violations()).isEmpty();
    }
}

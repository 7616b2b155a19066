package dev.mercato.verify;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code ./mercato verify [--settle <seconds>]}: exit 0 when every invariant holds, 1 when one is violated, 2 when
 * the stores cannot be read. Database names and credentials come from the same environment variables the services
 * use.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Duration settle = Duration.ofSeconds(30);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--settle") && i + 1 < args.length) {
                settle = Duration.ofSeconds(Long.parseLong(args[++i]));
            } else {
                System.err.println("usage: verify [--settle <seconds>]");
                System.exit(2);
            }
        }
        try {
            Report report = new Verify(Stores.fromEnvironment(System.getenv()), Clock.systemUTC()).run(settle);
            report.print(System.out);
            System.exit(report.clean() ? 0 : 1);
        } catch (Exception e) {
            System.err.println("verify could not read the stores: " + e.getMessage());
            System.exit(2);
        }
    }
}

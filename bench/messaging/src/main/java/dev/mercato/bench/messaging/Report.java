package dev.mercato.bench.messaging;

/** Result lines go to stdout, prefixed so bench/messaging.sh can pick them out of the log. */
final class Report {

    private Report() {}

    static void line(String format, Object... args) {
        System.out.println("RESULT " + format.formatted(args));
    }
}

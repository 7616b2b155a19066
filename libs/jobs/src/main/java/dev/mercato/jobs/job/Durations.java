package dev.mercato.jobs.job;

import java.time.Duration;

/** Durations the way the configuration writes them: {@code 1s}, {@code 250ms}, {@code 5m}, {@code 24h}, {@code 1d}. */
public final class Durations {

    private Durations() {}

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0 || millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

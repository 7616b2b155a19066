package dev.mercato.bench.messaging;

import org.springframework.stereotype.Component;

/** Appends bench.messages messages with no relay running (run with the relay disabled), 500 per transaction. */
@Component
class FillPhase implements Phase {

    private static final int PER_TRANSACTION = 500;

    private final BenchSettings settings;
    private final BenchMessages messages;

    FillPhase(BenchSettings settings, BenchMessages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "fill";
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        for (long from = 0; from < settings.messages(); from += PER_TRANSACTION) {
            messages.append(from, Math.min(from + PER_TRANSACTION, settings.messages()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Report.line(
                "fill: appended %,d messages to the outbox in %.1f s (%,.0f/s, %d per transaction)",
                settings.messages(), seconds, settings.messages() / seconds, PER_TRANSACTION);
    }
}

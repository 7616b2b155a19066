package dev.mercato.bench.messaging;

import java.time.Duration;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumes the queue the relay phase filled, through the library's idempotent consumer (an inbox row committed per
 * message, then the ack), with bench.consumers competing consumers.
 */
@Component
class DrainPhase implements Phase {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final BenchSettings settings;
    private final Receipts receipts;
    private final AmqpAdmin admin;

    DrainPhase(BenchSettings settings, Receipts receipts, AmqpAdmin admin) {
        this.settings = settings;
        this.receipts = receipts;
        this.admin = admin;
    }

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public void run() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (receipts.count() < settings.messages()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Consumed only " + receipts.count() + " messages in " + TIMEOUT);
            }
            Thread.sleep(50);
        }
        Thread.sleep(500); // the last acks
        double seconds = (receipts.lastAt() - receipts.firstAt()) / 1e9;
        var queue = admin.getQueueInfo(settings.queue());
        Report.line(
                "drain: %d consumer(s) handled %,d messages in %.2f s = %,.0f msg/s; queue depth after: %d",
                settings.consumers(),
                receipts.count(),
                seconds,
                receipts.count() / seconds,
                queue == null ? -1 : queue.getMessageCount());
    }
}

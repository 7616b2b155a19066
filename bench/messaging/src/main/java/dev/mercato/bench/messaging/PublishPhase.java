package dev.mercato.bench.messaging;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Exchanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker's side of the relay alone: the library's confirmed publisher sending persistent envelopes of the same
 * size from 4 threads in batches of 100 (the relay's defaults), with no database involved. The gap between this and
 * the relay phase is what the outbox costs.
 */
@Component
class PublishPhase implements Phase {

    private static final int THREADS = 4;
    private static final int BATCH = 100;

    private final BenchSettings settings;
    private final ConfirmedPublisher publisher;
    private final AmqpEnvelopes envelopes;
    private final JsonMapper json;
    private final AmqpAdmin admin;

    PublishPhase(
            BenchSettings settings,
            ConfirmedPublisher publisher,
            AmqpEnvelopes envelopes,
            JsonMapper json,
            AmqpAdmin admin) {
        this.settings = settings;
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.json = json;
        this.admin = admin;
    }

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public void run() throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong confirmed = new AtomicLong();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    long from;
                    while ((from = next.getAndAdd(BATCH)) < settings.messages()) {
                        List<ConfirmedPublisher.Outgoing> batch = new ArrayList<>(BATCH);
                        for (long n = from; n < Math.min(from + BATCH, settings.messages()); n++) {
                            batch.add(new ConfirmedPublisher.Outgoing(
                                    Exchanges.EVENTS, BenchSettings.TYPE, envelopes.toMessage(envelope(n))));
                        }
                        confirmed.addAndGet(publisher.publishAll(batch, Duration.ofSeconds(10)).stream()
                                .filter(ConfirmedPublisher.Outcome::confirmed)
                                .count());
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var queue = admin.getQueueInfo(settings.queue());
        Report.line(
                "publish: %,d of %,d persistent messages confirmed in %.2f s = %,.0f msg/s (%d threads, batches of %d);"
                        + " queue %s holds %,d",
                confirmed.get(),
                settings.messages(),
                seconds,
                confirmed.get() / seconds,
                THREADS,
                BATCH,
                settings.queue(),
                queue == null ? -1 : queue.getMessageCount());
    }

    private Envelope envelope(long n) {
        return new Envelope(
                UUID.randomUUID(),
                BenchSettings.TYPE,
                1,
                Instant.now(),
                UUID.randomUUID().toString(),
                null,
                null,
                json.valueToTree(BenchMessages.payload(n)));
    }
}

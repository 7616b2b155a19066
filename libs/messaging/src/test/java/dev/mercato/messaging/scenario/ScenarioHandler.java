package dev.mercato.messaging.scenario;

import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.envelope.Envelope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The scenario consumer's handler: its effect is one row in {@code scenario_effect}, then it works a while. */
final class ScenarioHandler implements MessageHandler {

    private final ScenarioNode.Settings settings;
    private final JdbcClient jdbc;
    private final CountDownLatch gate;
    private final AtomicInteger handled = new AtomicInteger();

    ScenarioHandler(ScenarioNode.Settings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.gate = new CountDownLatch(settings.gated() ? 1 : 0);
    }

    @Override
    public void handle(Envelope envelope) throws InterruptedException {
        gate.await();
        jdbc.sql("insert into scenario_effect (message_id, consumer) values (?, ?)")
                .params(envelope.messageId(), settings.name())
                .update();
        pause(settings.work());
        if (handled.incrementAndGet() == settings.stallAfter()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    System.out.println(ScenarioNode.STALLED + envelope.messageId());
                    System.out.flush();
                    pause(settings.stall());
                }
            });
        }
    }

    /** Lets a gated consumer start. */
    void open() {
        gate.countDown();
    }

    static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

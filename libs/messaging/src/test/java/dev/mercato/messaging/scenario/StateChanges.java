package dev.mercato.messaging.scenario;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's writes: each state change is a business row in {@code state_change} and its event in the outbox,
 * committed in one transaction, the way services announce changes. Writes once ({@link #write()}) or at a steady
 * pace on a thread of its own ({@link #steadily}) until closed.
 */
final class StateChanges implements AutoCloseable {

    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final String exchange;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    StateChanges(ConfigurableApplicationContext service, String exchange) {
        this.transactions = service.getBean(TransactionTemplate.class);
        this.outbox = service.getBean(Outbox.class);
        this.jdbc = service.getBean(JdbcClient.class);
        this.exchange = exchange;
    }

    UUID write() {
        long n = written.get();
        UUID id = transactions.execute(status -> {
            UUID messageId = outbox.append(
                    OutgoingMessage.event("account.changed", 1, "account", "account-" + n % 16, Map.of("n", n))
                            .to(exchange, "scenario.account.changed"));
            jdbc.sql("insert into state_change (message_id) values (?)")
                    .param(messageId)
                    .update();
            return messageId;
        });
        written.incrementAndGet();
        return id;
    }

    /** Starts writing one state change every {@code interval}, until {@link #close()}. */
    StateChanges steadily(Duration interval) {
        running = true;
        thread = Thread.ofPlatform().name("state-changes").start(() -> {
            while (running) {
                try {
                    write();
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    return;
                }
            }
        });
        return this;
    }

    long written() {
        return written.get();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A write failed", failure.get());
        }
    }
}

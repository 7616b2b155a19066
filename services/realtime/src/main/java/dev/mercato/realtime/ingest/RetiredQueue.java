package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.QueueNames;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Deletes the work queue that earlier versions consumed with competing consumers. RabbitMQ fixes a queue's
 * single-active-consumer flag when it creates the queue, so the ordered queue has a new name; the old one would stay
 * bound to the events exchange and keep every order and product event for no reader. Its delay queues and its DLQ go
 * only when empty, so no dead letter is lost.
 */
class RetiredQueue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RetiredQueue.class);

    private final AmqpAdmin admin;
    private final String retired;
    private final List<Duration> delays;

    /** @param delays the delays of the retired queue's retry queues */
    RetiredQueue(AmqpAdmin admin, String retired, List<Duration> delays) {
        this.admin = admin;
        this.retired = retired;
        this.delays = List.copyOf(delays);
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (retired.isBlank()) {
            return;
        }
        try {
            if (admin.deleteQueue(retired)) {
                log.info("Deleted queue {}, which realtime no longer consumes", retired);
            }
        } catch (AmqpException e) {
            log.warn("Queue {} kept: {}", retired, e.getMessage()); // the broker is away: nothing else is affected
        }
        for (Duration delay : delays) {
            deleteIfEmpty(QueueNames.retry(retired, delay));
        }
        deleteIfEmpty(QueueNames.deadLetter(retired));
    }

    private void deleteIfEmpty(String queue) {
        try {
            admin.deleteQueue(queue, false, true);
        } catch (AmqpException e) {
            log.warn("Queue {} kept: {}", queue, e.getMessage()); // not empty: a dead letter someone may want
        }
    }
}

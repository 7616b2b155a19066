package dev.mercato.bench.messaging;

import dev.mercato.messaging.config.MessagingProperties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;
import org.springframework.stereotype.Component;

/** Deletes the benchmark's queue with the delay queues and DLQ its consumer declared; the exchanges stay. */
@Component
class CleanupPhase implements Phase {

    private final BenchSettings settings;
    private final MessagingProperties messaging;
    private final AmqpAdmin admin;

    CleanupPhase(BenchSettings settings, MessagingProperties messaging, AmqpAdmin admin) {
        this.settings = settings;
        this.messaging = messaging;
        this.admin = admin;
    }

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public void run() {
        for (Declarable declarable : BenchTopology.queues(settings, messaging)) {
            if (declarable instanceof Queue queue) {
                admin.deleteQueue(queue.getName());
            }
        }
    }
}

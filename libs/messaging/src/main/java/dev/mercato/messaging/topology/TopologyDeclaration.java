package dev.mercato.messaging.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.SmartLifecycle;

/**
 * Declares the topology once at startup, before the relay and the consumers start. RabbitAdmin otherwise declares
 * lazily when the first connection opens, which races with whatever opened it. When the broker is down at startup,
 * RabbitAdmin declares on the first connection instead, as it does again after every reconnection.
 */
public final class TopologyDeclaration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopologyDeclaration.class);

    private final AmqpAdmin admin;
    private volatile boolean running;

    public TopologyDeclaration(AmqpAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void start() {
        try {
            admin.initialize();
        } catch (AmqpException e) {
            log.warn(
                    "Could not declare the messaging topology now; it is declared when the broker connects: {}",
                    e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1000;
    }
}

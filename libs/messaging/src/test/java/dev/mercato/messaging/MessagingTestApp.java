package dev.mercato.messaging;

import dev.mercato.messaging.config.MessagingProperties;
import dev.mercato.messaging.topology.Topologies;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A service using the library the way real services do, for the integration tests. The broker is shared, so every
 * test context names its exchanges and queues with a random suffix and deletes them when it closes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MessagingTestApp {

    /** A name no other test run uses. */
    public static String unique(String name) {
        return "it." + name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    BrokerCleanup brokerCleanup(AmqpAdmin admin, Topologies topologies, MessagingProperties properties) {
        return new BrokerCleanup(admin, topologies, properties);
    }

    /** Destroyed before the connection factory it depends on, after the listener containers have stopped. */
    record BrokerCleanup(AmqpAdmin admin, Topologies topologies, MessagingProperties properties)
            implements DisposableBean {

        @Override
        public void destroy() {
            for (Declarable declarable : topologies
                    .declarables(properties.consumer().retryPolicy(), properties.deadLetterExchange())
                    .getDeclarables()) {
                if (declarable instanceof Queue queue) {
                    admin.deleteQueue(queue.getName());
                } else if (declarable instanceof Exchange exchange
                        && exchange.getName().startsWith("it.")) {
                    admin.deleteExchange(exchange.getName());
                }
            }
        }
    }
}

package dev.mercato.bench.messaging;

import dev.mercato.messaging.config.MessagingProperties;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.amqp.core.Declarable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The benchmark's queue, bound to {@code mercato.events} for {@code bench.tick} as a service's consumer would be. In
 * the phases that do not consume, the same queues are declared with nobody consuming, so the relay's mandatory
 * publishes are routed and wait there.
 */
@Configuration(proxyBeanMethods = false)
class BenchTopology {

    @Bean
    Topology topology(BenchSettings settings, Receipts receipts, MessagingProperties messaging) {
        Topology.Builder topology = Topology.platform();
        if (settings.consumes()) {
            return topology.consume(consumer(settings, receipts::record)).build();
        }
        return topology.declare(queues(settings, messaging)).build();
    }

    /** The consumer's work queue, delay queues and DLQ, as its declaration creates them. */
    static Declarable[] queues(BenchSettings settings, MessagingProperties messaging) {
        return Topology.builder()
                .consume(consumer(settings, envelope -> {}))
                .build()
                .declarables(messaging.consumer().retryPolicy(), messaging.deadLetterExchange())
                .getDeclarables()
                .toArray(Declarable[]::new);
    }

    private static ConsumerSpec consumer(BenchSettings settings, MessageHandler handler) {
        return Consumers.on(settings.queue())
                .bind(Exchanges.EVENTS, BenchSettings.TYPE)
                .concurrency(settings.consumers())
                .handle(handler);
    }
}

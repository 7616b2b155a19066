package dev.mercato.payment.messaging;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.payment.order.OrderOutcomes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment service publishes {@code payment.*} on {@code mercato.events} (through the outbox) and consumes how
 * orders ended ({@code order.confirmed}, {@code order.cancelled}), which reconciliation compares payments with.
 */
@Configuration(proxyBeanMethods = false)
class PaymentMessaging {

    @Bean
    Topology topology(OrderOutcomes outcomes, @Value("${payment.order-outcomes.queue}") String outcomesQueue) {
        return topology(outcomes::record, outcomesQueue);
    }

    static Topology topology(MessageHandler outcomes, String outcomesQueue) {
        return Topology.platform()
                .consume(Consumers.on(outcomesQueue)
                        .bind(Exchanges.EVENTS, OrderOutcomes.CONFIRMED)
                        .bind(Exchanges.EVENTS, OrderOutcomes.CANCELLED)
                        .handle(outcomes))
                .build();
    }
}

package dev.mercato.payment.messaging;

import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment service only publishes ({@code payment.*} on {@code mercato.events}, through the outbox). */
@Configuration(proxyBeanMethods = false)
class PaymentMessaging {

    @Bean
    Topology topology() {
        return Topology.platform().build();
    }
}

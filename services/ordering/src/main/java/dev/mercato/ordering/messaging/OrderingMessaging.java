package dev.mercato.ordering.messaging;

import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Ordering only publishes ({@code order.*} on {@code mercato.events}, through the outbox). */
@Configuration(proxyBeanMethods = false)
class OrderingMessaging {

    @Bean
    Topology topology() {
        return Topology.platform().build();
    }
}

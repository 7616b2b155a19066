package dev.mercato.identity.messaging;

import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Identity only publishes ({@code user.registered} on {@code mercato.events}, through the outbox). */
@Configuration(proxyBeanMethods = false)
class IdentityMessaging {

    @Bean
    Topology topology() {
        return Topology.platform().build();
    }
}

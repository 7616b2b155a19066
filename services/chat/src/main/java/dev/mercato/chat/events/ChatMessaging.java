package dev.mercato.chat.events;

import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chat publishes on {@code mercato.events} (through its outbox) and consumes nothing. */
@Configuration(proxyBeanMethods = false)
class ChatMessaging {

    @Bean
    Topology topology() {
        return Topology.platform().build();
    }
}

package dev.mercato.catalog.messaging;

import dev.mercato.catalog.history.ProductHistory;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything the catalog declares on RabbitMQ, in one place: the platform's exchanges (its product events,
 * {@code product.*} on {@code mercato.events}, leave through the outbox) and the consumer that keeps each product's
 * change history from those events.
 */
@Configuration(proxyBeanMethods = false)
class CatalogMessaging {

    @Bean
    Topology topology(
            ProductHistory history,
            @Value("${catalog.history.enabled:true}") boolean historyEnabled,
            @Value("${catalog.history.queue:catalog.product-history}") String historyQueue) {
        return topology(historyEnabled ? history::record : null, historyQueue);
    }

    /** @param history the history consumer's handler, or null to leave the consumer out */
    static Topology topology(MessageHandler history, String historyQueue) {
        Topology.Builder topology = Topology.platform();
        if (history != null) {
            topology.consume(Consumers.on(historyQueue)
                    .bind(Exchanges.EVENTS, "product.*")
                    .handle(history));
        }
        return topology.build();
    }
}

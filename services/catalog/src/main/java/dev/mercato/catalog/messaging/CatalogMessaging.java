package dev.mercato.catalog.messaging;

import dev.mercato.catalog.cache.CatalogCache;
import dev.mercato.catalog.history.ProductHistory;
import dev.mercato.catalog.product.DelayLadder;
import dev.mercato.catalog.product.PublishingProperties;
import dev.mercato.catalog.product.ScheduledPublishing;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import java.time.Duration;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything the catalog declares on RabbitMQ, in one place: the platform's exchanges (its product events,
 * {@code product.*} on {@code mercato.events}, leave through the outbox), the consumer that keeps each product's
 * change history from those events, and scheduled publishing: the publishing queue and the ladder of delay queues
 * in front of it (docs/adr/008-scheduled-publishing.md), and this instance's subscription to the cache invalidation
 * fanout (docs/adr/009-catalog-cache.md).
 */
@Configuration(proxyBeanMethods = false)
class CatalogMessaging {

    @Bean
    Topology topology(
            ProductHistory history,
            ScheduledPublishing publishing,
            CatalogCache cache,
            PublishingProperties publishingProperties,
            @Value("${catalog.history.enabled:true}") boolean historyEnabled,
            @Value("${catalog.history.queue:catalog.product-history}") String historyQueue) {
        return topology(
                historyEnabled ? history::record : null,
                historyQueue,
                publishing::handle,
                publishingProperties,
                cache::invalidate);
    }

    /** @param history the history consumer's handler, or null to leave the consumer out */
    static Topology topology(
            MessageHandler history,
            String historyQueue,
            MessageHandler publishing,
            PublishingProperties schedule,
            MessageHandler invalidations) {
        Topology.Builder topology = Topology.platform();
        topology.broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, invalidations));
        if (history != null) {
            topology.consume(Consumers.on(historyQueue)
                    .bind(Exchanges.EVENTS, "product.*")
                    .handle(history));
        }
        // No binding: messages reach the publishing queue only by expiring from a rung of the ladder.
        topology.consume(Consumers.on(schedule.queue()).handle(publishing));
        for (Duration delay : schedule.ladder().delays()) {
            topology.declare(QueueBuilder.durable(DelayLadder.queue(schedule.queue(), delay))
                    .ttl((int) delay.toMillis())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(schedule.queue())
                    .build());
        }
        return topology.build();
    }
}

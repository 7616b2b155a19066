package dev.mercato.realtime.ingest;

import dev.mercato.messaging.config.MessagingProperties;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one consumer: order, product and in-app notification events from the events exchange into the
 * history. One consumer of the queue is active in the cluster at a time, on one thread, so an order's events are
 * appended in the order they were published; when that instance is lost, the next takes over with its unacknowledged
 * messages first. (The status ranks still keep a retried older event from overtaking a newer one.)
 */
@Configuration(proxyBeanMethods = false)
class IngestMessaging {

    @Bean
    Topology topology(IngestProperties properties, EventIngest ingest) {
        return topology(properties.exchange(), properties.queue(), ingest);
    }

    @Bean
    RetiredQueue retiredQueue(AmqpAdmin admin, IngestProperties properties, MessagingProperties messaging) {
        String retired =
                properties.retiredQueue() == null || properties.retiredQueue().equals(properties.queue())
                        ? ""
                        : properties.retiredQueue();
        return new RetiredQueue(
                admin, retired, messaging.consumer().retryPolicy().distinctDelays());
    }

    static Topology topology(String exchange, String queue, MessageHandler ingest) {
        Topology.Builder topology = Topology.platform();
        if (!Exchanges.EVENTS.equals(exchange)) {
            topology.topic(exchange);
        }
        return topology.consume(Consumers.on(queue)
                        .bind(exchange, "order.*")
                        .bind(exchange, "product.*")
                        .bind(exchange, NotificationEvents.CREATED)
                        .concurrency(1)
                        .singleActiveConsumer()
                        .handle(ingest))
                .build();
    }
}

package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one consumer: order and product events from the events exchange into the history. One thread per
 * instance, so an order's events are appended in the order they were published (across instances the status ranks
 * keep a late older event from overtaking a newer one).
 */
@Configuration(proxyBeanMethods = false)
class IngestMessaging {

    @Bean
    Topology topology(IngestProperties properties, EventIngest ingest) {
        return topology(properties.exchange(), properties.queue(), ingest);
    }

    static Topology topology(String exchange, String queue, MessageHandler ingest) {
        Topology.Builder topology = Topology.platform();
        if (!Exchanges.EVENTS.equals(exchange)) {
            topology.topic(exchange);
        }
        return topology.consume(Consumers.on(queue)
                        .bind(exchange, "order.*")
                        .bind(exchange, "product.*")
                        .concurrency(1)
                        .handle(ingest))
                .build();
    }
}

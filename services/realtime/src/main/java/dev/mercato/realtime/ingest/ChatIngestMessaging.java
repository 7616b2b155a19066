package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of chat's events, on a queue of its own ({@link ChatIngestProperties}): one thread, and one consumer of
 * the queue active in the cluster at a time, so a conversation's events are appended in the order chat published them
 * (its outbox relays a conversation's events in seq order), also when the active instance is lost. A message that
 * waits out a retry delay lets the next ones pass: clients place messages by {@code (conversationId, seq)} and fetch a
 * gap from chat's history.
 */
@Configuration(proxyBeanMethods = false)
class ChatIngestMessaging {

    @Bean
    Topology chatTopology(ChatIngestProperties properties, ChatIngest ingest) {
        return topology(properties.exchange(), properties.queue(), ingest);
    }

    static Topology topology(String exchange, String queue, MessageHandler ingest) {
        return Topology.builder()
                .topic(exchange)
                .consume(Consumers.on(queue)
                        .bind(exchange, "chat.message")
                        .bind(exchange, "chat.read")
                        .concurrency(1)
                        .singleActiveConsumer()
                        .handle(ingest))
                .build();
    }
}

package dev.mercato.realtime.ingest;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of chat's events, on a queue of its own ({@link ChatIngestProperties}). One thread per instance, so one
 * instance appends a conversation's events in the order chat published them (its outbox relays a conversation's
 * events in seq order). With several instances the queue's consumers compete, and a message that waits out a retry
 * delay lets the next ones pass: a conversation's events can then reach the stream out of seq order (never lost, never
 * twice). Clients place messages by {@code (conversationId, seq)}, and fetch a gap from chat's history; a single active
 * consumer on this queue (libs/messaging does not declare queue arguments yet) would keep the order across instances.
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
                        .handle(ingest))
                .build();
    }
}

package dev.mercato.realtime.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param exchange the topic exchange chat publishes its events on
 * @param queue the work queue of chat's events, one for all realtime instances, apart from {@code realtime.events}:
 *     the chat stream does not wait behind order and product events, nor they behind it
 */
@ConfigurationProperties("realtime.chat.ingest")
record ChatIngestProperties(String exchange, String queue) {}

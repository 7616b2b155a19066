package dev.mercato.realtime.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param exchange the topic exchange the domain events are published on
 * @param queue the one work queue of all realtime instances, with a single active consumer: each event is appended
 *     once, in order
 * @param retiredQueue the queue earlier versions consumed (competing consumers), deleted at start so it does not fill
 *     up with events nobody reads; empty for none
 */
@ConfigurationProperties("realtime.ingest")
record IngestProperties(String exchange, String queue, String retiredQueue) {}

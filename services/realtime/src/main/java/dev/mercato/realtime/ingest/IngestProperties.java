package dev.mercato.realtime.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param exchange the topic exchange the domain events are published on
 * @param queue the one work queue of all realtime instances (competing consumers): each event is appended once
 */
@ConfigurationProperties("realtime.ingest")
record IngestProperties(String exchange, String queue) {}

package dev.mercato.notifications.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param queue this service's work queue on {@code mercato.events}
 * @param maxAttempts attempts before a message is parked in the DLQ; an order event waits this long for its user
 */
@ConfigurationProperties("notifications.events")
record EventsSettings(String queue, int maxAttempts) {}

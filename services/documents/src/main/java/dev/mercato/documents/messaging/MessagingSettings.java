package dev.mercato.documents.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param eventsQueue the work queue of order.created and order.confirmed on mercato.events
 * @param chunksQueue the invoice workers' queue on mercato.documents ({@code type=invoice, format=pdf})
 * @param reportsQueue the sales reports' queue on mercato.documents ({@code type=report, format=csv})
 * @param worker whether this instance renders invoice chunks, and with how many threads
 */
@ConfigurationProperties("documents.messaging")
record MessagingSettings(String eventsQueue, String chunksQueue, String reportsQueue, Worker worker) {

    /**
     * @param enabled false in an API-only instance (Kubernetes: the worker deployment scales on the queue instead);
     *     the chunk queue is still declared, so jobs queue up for the workers
     * @param concurrency competing consumer threads in this instance, each holding one chunk at a time (prefetch 1)
     */
    record Worker(boolean enabled, int concurrency) {}
}

package dev.mercato.documents.messaging;

import dev.mercato.documents.job.InvoiceChunk;
import dev.mercato.documents.job.InvoiceChunkWorker;
import dev.mercato.documents.report.SalesReport;
import dev.mercato.documents.report.SalesReports;
import dev.mercato.messaging.config.MessagingProperties;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.consumer.RetryPolicy;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.Topology;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three queues: order events from {@code mercato.events}; and on the headers exchange {@code mercato.documents},
 * invoice chunks ({@code type=invoice, format=pdf}) for the competing workers and sales reports
 * ({@code type=report, format=csv}). A chunk takes a worker thread for seconds, so the worker prefetches one: a second
 * chunk waits in the queue for whichever worker is free, not behind a busy one.
 */
@Configuration(proxyBeanMethods = false)
class DocumentsMessaging {

    @Bean
    Topology topology(
            OrderEvents events,
            InvoiceChunkWorker worker,
            SalesReports reports,
            MessagingSettings settings,
            MessagingProperties messaging) {
        return topology(
                events::handle,
                worker::handle,
                reports::handle,
                settings,
                messaging.consumer().retryPolicy(),
                messaging.deadLetterExchange());
    }

    static Topology topology(
            MessageHandler events,
            MessageHandler worker,
            MessageHandler reports,
            MessagingSettings settings,
            RetryPolicy retries,
            String deadLetterExchange) {
        ConsumerSpec chunks =
                chunks(worker, settings.chunksQueue(), settings.worker().concurrency());
        Topology.Builder topology = Topology.platform()
                .consume(events(events, settings.eventsQueue()))
                .consume(reports(reports, settings.reportsQueue()));
        if (settings.worker().enabled()) {
            return topology.consume(chunks).build();
        }
        // declared exactly as a worker declares it (same arguments, delay queues and DLQ), without consuming
        Declarables declarables = Topology.builder().consume(chunks).build().declarables(retries, deadLetterExchange);
        return topology.declare(declarables.getDeclarables().toArray(Declarable[]::new))
                .build();
    }

    static ConsumerSpec events(MessageHandler handler, String queue) {
        return Consumers.on(queue)
                .bind(Exchanges.EVENTS, OrderEvents.ORDER_CREATED)
                .bind(Exchanges.EVENTS, OrderEvents.ORDER_CONFIRMED)
                .maxAttempts(10)
                .concurrency(1)
                .handle(handler);
    }

    static ConsumerSpec chunks(MessageHandler handler, String queue, int concurrency) {
        return Consumers.on(queue)
                .bindHeaders(Exchanges.DOCUMENTS, InvoiceChunk.HEADERS)
                .maxAttempts(5)
                .prefetch(1)
                .concurrency(concurrency)
                // a chunk commits batch by batch and skips what is done: no inbox transaction spans it
                .outsideTransaction()
                .handle(handler);
    }

    static ConsumerSpec reports(MessageHandler handler, String queue) {
        return Consumers.on(queue)
                .bindHeaders(Exchanges.DOCUMENTS, SalesReport.HEADERS)
                .maxAttempts(5)
                .prefetch(1)
                .concurrency(1)
                .handle(handler);
    }
}

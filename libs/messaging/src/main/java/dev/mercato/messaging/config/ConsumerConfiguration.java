package dev.mercato.messaging.config;

import dev.mercato.messaging.consumer.ConsumerContainers;
import dev.mercato.messaging.consumer.ConsumerMetrics;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.Inbox;
import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topologies;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Consumers, the inbox and their housekeeping. */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    @Bean
    Inbox mercatoInbox(JdbcClient jdbc, MessagingSchema schema) {
        return new Inbox(jdbc);
    }

    @Bean
    ConsumerMetrics mercatoConsumerMetrics(MeterRegistry meters) {
        return new ConsumerMetrics(meters);
    }

    @Bean
    ConsumerContainers mercatoConsumerContainers(
            ConnectionFactory connectionFactory,
            Topologies topologies,
            Inbox inbox,
            PlatformTransactionManager transactions,
            AmqpEnvelopes envelopes,
            ConfirmedPublisher publisher,
            ConsumerMetrics metrics,
            MessagingProperties properties) {
        return new ConsumerContainers(
                connectionFactory,
                topologies.consumers(),
                topologies.broadcasts(),
                inbox,
                transactions,
                envelopes,
                publisher,
                metrics,
                properties.consumer(),
                properties.deadLetterExchange());
    }

    @Bean
    HousekeepingTask mercatoInboxCleanup(Inbox inbox, MessagingProperties properties) {
        return new HousekeepingTask(
                "inbox cleanup",
                properties.housekeeping().cleanupInterval(),
                () -> inbox.deleteProcessedBefore(properties.inbox().retention()));
    }

    /** Work queue and DLQ depths by passive declaration, on a schedule rather than on every scrape. */
    @Bean
    HousekeepingTask mercatoQueueDepths(
            AmqpAdmin admin, Topologies topologies, ConsumerMetrics metrics, MessagingProperties properties) {
        return new HousekeepingTask("queue depths", properties.housekeeping().metricsInterval(), () -> {
            for (ConsumerSpec consumer : topologies.consumers()) {
                record(admin, metrics, consumer.queue(), "work");
                record(admin, metrics, QueueNames.deadLetter(consumer.queue()), "dead-letter");
            }
        });
    }

    private static void record(AmqpAdmin admin, ConsumerMetrics metrics, String queue, String kind) {
        QueueInformation info = admin.getQueueInfo(queue);
        if (info != null) {
            metrics.depth(queue, kind, info.getMessageCount());
        }
    }
}

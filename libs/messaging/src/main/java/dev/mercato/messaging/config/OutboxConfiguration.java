package dev.mercato.messaging.config;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.TraceparentSource;
import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutboxMetrics;
import dev.mercato.messaging.outbox.OutboxRelay;
import dev.mercato.messaging.outbox.OutboxRows;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox, its relay and their housekeeping. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxRows mercatoOutboxRows(JdbcClient jdbc, MessagingSchema schema) {
        return new OutboxRows(jdbc);
    }

    @Bean
    OutboxMetrics mercatoOutboxMetrics(MeterRegistry meters) {
        return new OutboxMetrics(meters);
    }

    @Bean
    Outbox mercatoOutbox(
            OutboxRows rows,
            AmqpEnvelopes envelopes,
            TraceparentSource traces,
            MessagingProperties properties,
            ObjectProvider<OutboxRelay> relay) {
        return new Outbox(
                rows,
                envelopes.json(),
                properties.outbox().partitions(),
                traces,
                () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    @ConditionalOnProperty(name = "mercato.messaging.outbox.relay-enabled", matchIfMissing = true)
    OutboxRelay mercatoOutboxRelay(
            OutboxRows rows,
            PlatformTransactionManager transactions,
            ConfirmedPublisher publisher,
            AmqpEnvelopes envelopes,
            OutboxMetrics metrics,
            MessagingProperties properties,
            Environment environment) {
        MessagingProperties.OutboxProperties outbox = properties.outbox();
        return new OutboxRelay(
                rows,
                new TransactionTemplate(transactions),
                publisher,
                envelopes,
                metrics,
                new OutboxRelay.Settings(
                        outbox.pollInterval(),
                        outbox.idleInterval(),
                        outbox.batchSize(),
                        outbox.relayConcurrency(),
                        outbox.confirmTimeout(),
                        outbox.retryInitial(),
                        outbox.retryMax(),
                        environment.getProperty("spring.application.name", "mercato"),
                        outbox.subscriberOptionalExchanges()));
    }

    @Bean
    HousekeepingTask mercatoOutboxGauges(OutboxRows rows, OutboxMetrics metrics, MessagingProperties properties) {
        return new HousekeepingTask(
                "outbox gauges", properties.housekeeping().metricsInterval(), () -> metrics.backlog(rows.backlog()));
    }

    @Bean
    HousekeepingTask mercatoOutboxCleanup(OutboxRows rows, MessagingProperties properties) {
        return new HousekeepingTask(
                "outbox cleanup",
                properties.housekeeping().cleanupInterval(),
                () -> rows.deletePublishedBefore(properties.outbox().retention()));
    }
}

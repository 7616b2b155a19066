package dev.mercato.messaging.config;

import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.TraceparentSource;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.topology.Topologies;
import dev.mercato.messaging.topology.Topology;
import dev.mercato.messaging.topology.TopologyDeclaration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the messaging library into a service that has a {@code DataSource} and a RabbitMQ connection: schema,
 * outbox and relay, consumers from the service's {@link Topology} beans, dead-letter operations, housekeeping.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"
        })
@ConditionalOnBean({DataSource.class, ConnectionFactory.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(MessagingProperties.class)
@Import({OutboxConfiguration.class, ConsumerConfiguration.class})
public class MessagingAutoConfiguration {

    /**
     * Migrated at startup like the service's own schema; a service that turns its Flyway off (a test without a
     * database, a deployment that migrates separately) turns this off too, or sets mercato.messaging.migrate-schema.
     */
    @Bean
    MessagingSchema mercatoMessagingSchema(DataSource dataSource, Environment environment) {
        boolean migrate = environment.getProperty(
                "mercato.messaging.migrate-schema",
                Boolean.class,
                environment.getProperty("spring.flyway.enabled", Boolean.class, true));
        return migrate ? MessagingSchema.migrate(dataSource) : MessagingSchema.assumeMigrated();
    }

    /** The service's JSON mapper when it has one (not exposed as a second {@code JsonMapper} bean). */
    @Bean
    AmqpEnvelopes mercatoAmqpEnvelopes(ObjectProvider<JsonMapper> json) {
        return new AmqpEnvelopes(json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    ConfirmedPublisher mercatoConfirmedPublisher(ConnectionFactory connectionFactory) {
        return new ConfirmedPublisher(connectionFactory);
    }

    @Bean
    @ConditionalOnMissingBean(MeterRegistry.class)
    MeterRegistry mercatoMessagingMeterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    Topologies mercatoTopologies(ObjectProvider<Topology> topologies) {
        return new Topologies(topologies.orderedStream().toList());
    }

    @Bean
    Declarables mercatoMessagingDeclarables(Topologies topologies, MessagingProperties properties) {
        return topologies.declarables(properties.consumer().retryPolicy(), properties.deadLetterExchange());
    }

    @Bean
    TopologyDeclaration mercatoTopologyDeclaration(AmqpAdmin admin) {
        return new TopologyDeclaration(admin);
    }

    @Bean
    DeadLetters mercatoDeadLetters(
            ConnectionFactory connectionFactory,
            ConfirmedPublisher publisher,
            Topologies topologies,
            MessagingProperties properties) {
        return new DeadLetters(
                connectionFactory, publisher, topologies, properties.consumer().confirmTimeout());
    }

    @Bean
    Housekeeping mercatoMessagingHousekeeping(List<HousekeepingTask> tasks) {
        return new Housekeeping(tasks);
    }

    @Bean
    @ConditionalOnMissingClass("io.micrometer.tracing.Tracer")
    TraceparentSource mercatoNoTraceparent() {
        return TraceparentSource.NONE;
    }

    /** The current span of the service's tracer, looked up per call: the tracer may come later or never. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class Tracing {

        @Bean
        TraceparentSource mercatoTraceparent(ObjectProvider<Tracer> tracers) {
            return () -> {
                Tracer tracer = tracers.getIfAvailable();
                Span span = tracer == null ? null : tracer.currentSpan();
                if (span == null) {
                    return null;
                }
                TraceContext context = span.context();
                String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
                return "00-" + context.traceId() + "-" + context.spanId() + "-" + flags;
            };
        }
    }
}

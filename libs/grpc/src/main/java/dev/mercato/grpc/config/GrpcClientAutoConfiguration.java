package dev.mercato.grpc.config;

import dev.mercato.grpc.client.GrpcClientProperties;
import dev.mercato.grpc.client.GrpcTargets;
import dev.mercato.grpc.client.ServiceTokens;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.grpc.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/** The client side: service tokens from identity and {@link GrpcTargets}, with breaker and bulkhead metrics. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(Channel.class)
@EnableConfigurationProperties(GrpcClientProperties.class)
public class GrpcClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens mercatoServiceTokens(GrpcClientProperties properties) {
        return new ServiceTokens(properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    GrpcTargets mercatoGrpcTargets(
            GrpcClientProperties properties, ServiceTokens tokens, ObjectProvider<MeterRegistry> meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
        meters.ifAvailable(registry -> {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
            TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
        });
        return new GrpcTargets(properties, tokens, breakers, bulkheads);
    }

    /** Once the application is ready, off the startup thread: see {@link GrpcTargets#warmUp()}. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> mercatoGrpcWarmUp(GrpcTargets targets) {
        return event -> Thread.ofVirtual().name("grpc-warm-up").start(targets::warmUp);
    }
}

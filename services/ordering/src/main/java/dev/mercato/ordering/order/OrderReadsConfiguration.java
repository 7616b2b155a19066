package dev.mercato.ordering.order;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Reads of accepted orders on a small pool of their own ({@code mercato.orders.reads}, a line of
 * docs/connection-budget.md), next to the service's main pool. Past the checkout's knee every connection of the main
 * pool is taken by checkouts, saga steps and the outbox relay; a status read queued behind them timed out (503), the
 * gateway's breaker counted it and then shed every read (issue 14). A read is one primary-key lookup (two for a full
 * order), so two connections serve hundreds per second.
 *
 * <p>Not a {@code DataSource} bean: one would turn off Spring Boot's auto-configured main pool and make every
 * {@code JdbcClient} ambiguous. Same database and credentials as the main pool, read-only.
 */
@Configuration(proxyBeanMethods = false)
class OrderReadsConfiguration {

    @Bean(destroyMethod = "close")
    OrderReadsPool orderReadsPool(
            Environment environment, DataSourceProperties store, ObjectProvider<MeterRegistry> meters) {
        HikariConfig config = Binder.get(environment).bindOrCreate("mercato.orders.reads", HikariConfig.class);
        config.setPoolName("ordering-reads");
        config.setJdbcUrl(store.determineUrl());
        config.setUsername(store.determineUsername());
        config.setPassword(store.determinePassword());
        config.setReadOnly(true);
        meters.ifAvailable(registry -> config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
        return new OrderReadsPool(new HikariDataSource(config));
    }

    @Bean
    OrderReadRepository orderReadRepository(OrderReadsPool orderReadsPool) {
        return new OrderReadRepository(orderReadsPool.dataSource());
    }

    /** The pool, held where the container does not see a {@code DataSource}. */
    record OrderReadsPool(HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }
}

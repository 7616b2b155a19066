package dev.mercato.messaging.scenario;

import dev.mercato.messaging.consumer.Consumers;
import dev.mercato.messaging.consumer.MessageHandler;
import dev.mercato.messaging.outbox.OutboxRelay;
import dev.mercato.messaging.topology.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * One instance of a service using the messaging library, as the scenarios need it: a consumer whose effect is a row
 * in {@code scenario_effect}, and the outbox relay unless disabled. It runs in the test JVM ({@link #start}) or in a
 * JVM of its own ({@link #main}, through {@link NodeProcess}) that a scenario can kill -9. Configured by
 * {@code scenario.*} ({@link Settings}) and the usual Spring properties, given as command-line arguments.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(ScenarioNode.Settings.class)
public class ScenarioNode {

    /** Printed once the node runs, with its consumer attached. */
    static final String READY = "SCENARIO-NODE READY";

    /** Printed when a message's effect has committed and its acknowledgement is being held back. */
    static final String STALLED = "SCENARIO-NODE STALLED ";

    /** Printed by the relay right before the commit that marks messages published: {@code published=<total>}. */
    static final String COMMITTING = "SCENARIO-NODE COMMITTING published=";

    /**
     * @param name the consumer's name in {@code scenario_effect}, and the application name
     * @param exchange topic exchange the consumer's queue is bound to
     * @param queue the consumer's work queue; none: no consumer (a relay only)
     * @param prefetch unacknowledged messages the consumer may hold
     * @param work how long the handler works on each message, inside its transaction
     * @param gated the handler waits until {@link ScenarioHandler#open()} (so several consumers start together)
     * @param stallAfter the n-th message handled commits its effect, then holds back its acknowledgement for
     *     {@code stall}: a crash then finds an effect committed and its message unacknowledged
     * @param slowCommit the relay's commits wait this long after the broker confirmed what they mark published
     */
    @ConfigurationProperties("scenario")
    record Settings(
            @DefaultValue("node") String name,
            @Nullable String exchange,
            @Nullable String queue,
            @DefaultValue("10") int prefetch,
            @DefaultValue("0ms") Duration work,
            @DefaultValue("false") boolean gated,
            @DefaultValue("0") int stallAfter,
            @DefaultValue("60s") Duration stall,
            @DefaultValue("0ms") Duration slowCommit) {}

    public static void main(String[] args) throws IOException {
        ConfigurableApplicationContext context = application().run(args);
        System.out.println(READY);
        System.out.flush();
        // Runs until its standard input closes (a graceful stop), or until it is killed.
        System.in.transferTo(OutputStream.nullOutputStream());
        context.close();
    }

    /** A node in this JVM; {@code properties} as if given on its command line. */
    static ConfigurableApplicationContext start(Map<String, String> properties) {
        return application().run(arguments(properties));
    }

    static String[] arguments(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", "WARN");
        all.put("logging.level.dev.mercato", "INFO");
        all.put("mercato.messaging.housekeeping.metrics-interval", "250ms");
        all.putAll(properties);
        all.putIfAbsent("spring.application.name", all.getOrDefault("scenario.name", "node"));
        List<String> arguments = new ArrayList<>();
        all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ScenarioNode.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF);
    }

    /** The consumer's topology; the scenario declares and deletes the same one with a handler that does nothing. */
    static Topology topology(String exchange, String queue, int prefetch, MessageHandler handler) {
        return Topology.builder()
                .topic(exchange)
                .consume(Consumers.on(queue)
                        .bind(exchange, "scenario.#")
                        .prefetch(prefetch)
                        .maxAttempts(3)
                        .backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(400))
                        .jitter(0.1)
                        .handle(handler))
                .build();
    }

    /** How many messages of {@code queue} the node's consumer acknowledged with this outcome (processed, duplicate). */
    static long consumed(ConfigurableApplicationContext node, String queue, String outcome) {
        var counter = node.getBean(MeterRegistry.class)
                .find("mercato.messaging.consumer.consumed")
                .tags("queue", queue, "outcome", outcome)
                .counter();
        return counter == null ? 0 : (long) counter.count();
    }

    @Bean
    ScenarioHandler scenarioHandler(Settings settings, JdbcClient jdbc) {
        return new ScenarioHandler(settings, jdbc);
    }

    @Bean
    Topology scenarioTopology(Settings settings, ScenarioHandler handler) {
        if (settings.queue() == null) {
            return settings.exchange() == null
                    ? Topology.builder().build()
                    : Topology.builder().topic(settings.exchange()).build();
        }
        return topology(settings.exchange(), settings.queue(), settings.prefetch(), handler);
    }

    /**
     * Widens the window between the broker's confirm of a batch and the commit that marks it published, where a
     * relay that crashes has published messages it will publish again.
     */
    @Bean
    @ConditionalOnProperty("scenario.slow-commit")
    JdbcTransactionManager slowCommittingTransactionManager(
            DataSource dataSource, Settings settings, ObjectProvider<OutboxRelay> relay) {
        return new JdbcTransactionManager(dataSource) {
            private long marked;

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                OutboxRelay current = relay.getIfAvailable();
                long published = current == null ? 0 : current.publishedCount();
                if (published > marked) {
                    marked = published;
                    System.out.println(COMMITTING + published);
                    System.out.flush();
                    ScenarioHandler.pause(settings.slowCommit());
                }
                super.doCommit(status);
            }
        };
    }
}

package dev.mercato.bench.messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One phase of the messaging benchmark per run (see bench/messaging.sh, which runs them in order against a fresh
 * database): {@code fill} appends messages with the relay off, {@code relay} publishes that backlog with confirms,
 * {@code drain} consumes the queue it left, {@code latency} measures commit-to-consumer time at a fixed rate.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessagingBench {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(MessagingBench.class, args)));
    }
}

package dev.mercato.catalog.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled publishing through RabbitMQ.
 *
 * @param queue the work queue whose consumer publishes due products; its delay queues are named after it
 * @param finestDelay the bottom rung of the delay ladder, the most a product is published late by the ladder itself
 * @param rungs how many delay queues, each twice as long as the one below (18 from 125 ms: up to 4.5 h per pass)
 */
@ConfigurationProperties("catalog.publishing")
public record PublishingProperties(
        @DefaultValue("catalog.product-publishing") String queue,
        @DefaultValue("125ms") Duration finestDelay,
        @DefaultValue("18") int rungs) {

    public DelayLadder ladder() {
        return new DelayLadder(finestDelay, rungs);
    }
}

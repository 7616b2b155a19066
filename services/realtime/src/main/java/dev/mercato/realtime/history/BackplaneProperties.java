package dev.mercato.realtime.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param block how long one {@code XREAD} waits for new entries; below the Redis command timeout
 * @param batchSize the most entries one read takes
 */
@ConfigurationProperties("realtime.backplane")
public record BackplaneProperties(Duration block, int batchSize) {}

package dev.mercato.pspsim.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param url the endpoints every event is delivered to (comma-separated in the environment); none: events are only
 *     recorded
 * @param secret the HMAC-SHA256 key shared with the receivers
 * @param dispatchEnabled whether this process delivers pending webhooks
 * @param pollInterval how often due deliveries are looked for while polls find some
 * @param idlePollInterval the longest wait between polls once they find none (the wait doubles up to it); a delivery
 *     this process queues or reschedules brings the next poll forward
 * @param batchSize how many due deliveries one poll sends (concurrently)
 * @param timeout how long one delivery attempt may take
 * @param maxAttempts attempts before a delivery is marked failed
 * @param initialBackoff the delay after the first failed attempt; it doubles per attempt, with jitter
 * @param maxBackoff the longest delay between attempts
 */
@ConfigurationProperties("psp-sim.webhooks")
public record WebhookProperties(
        List<URI> url,
        String secret,
        boolean dispatchEnabled,
        Duration pollInterval,
        Duration idlePollInterval,
        int batchSize,
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public WebhookProperties {
        url = url == null ? List.of() : List.copyOf(url);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("psp-sim.webhooks.secret must be set");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("psp-sim.webhooks.max-attempts must be at least 1");
        }
    }
}

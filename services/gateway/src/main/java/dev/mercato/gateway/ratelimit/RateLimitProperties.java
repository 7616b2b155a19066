package dev.mercato.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keyPrefix the gateway's own Redis key space
 * @param redisTimeout how long one request waits for its decision from Redis before the local limits decide that
 *     request instead. A late answer says the gateway is busy as often as that Redis is: it changes nothing for the
 *     other requests, and the late command still completes in the background.
 * @param fallbackShare the share of each limit an instance enforces alone while Redis is unreachable (1/N for N
 *     instances keeps the cluster-wide limit)
 * @param apiKeys known API keys: name → SHA-256 (hex) of the key; unknown keys are ignored, so inventing keys cannot
 *     escape the per-IP limit
 * @param trustedProxies how many proxies in front of the gateway append to {@code X-Forwarded-For}; 0 uses the socket
 *     address
 */
@ConfigurationProperties("gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mercato:gateway:rl:") String keyPrefix,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("0.5") double fallbackShare,
        @DefaultValue List<Tier> tiers,
        @DefaultValue Map<String, String> apiKeys,
        @DefaultValue("0") int trustedProxies) {}

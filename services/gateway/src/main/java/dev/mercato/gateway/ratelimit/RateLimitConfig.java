package dev.mercato.gateway.ratelimit;

import dev.mercato.gateway.problem.ProblemWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(value = "gateway.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfig {

    /** Closed with the context (AutoCloseable), which closes its connection. */
    @Bean
    RedisRateLimiter rateLimitDecisionsOnRedis(LettuceConnectionFactory redis) {
        return new RedisRateLimiter(redis);
    }

    @Bean
    RateLimiter rateLimiter(
            RateLimitProperties properties,
            RedisRateLimiter redis,
            CircuitBreakerRegistry breakers,
            MeterRegistry meters) {
        return new RateLimiter(properties, redis, breakers.circuitBreaker("ratelimit-redis"), meters);
    }

    /**
     * While the connection to Redis is down, Lettuce would otherwise queue commands until it reconnects: each decision
     * would wait out its timeout instead of failing at once, and the breaker would learn of the outage late.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> rateLimitWarmUp(RateLimiter limiter) {
        return ready -> limiter.warmUp();
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimiter limiter, RateLimitProperties properties, ProblemWriter problems) {
        return new RateLimitFilter(limiter, new CallerKeys(properties), problems);
    }
}

package dev.mercato.catalog.cache;

import dev.mercato.catalog.i18n.LanguageProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CatalogCache catalogCache(
            StringRedisTemplate redis,
            JsonMapper json,
            CacheProperties properties,
            LanguageProperties languages,
            MeterRegistry meters) {
        return new CatalogCache(redis, json, properties, languages.supportedLanguages(), meters);
    }

    /** Connects to Redis before the instance reports ready. */
    @Bean
    ApplicationRunner connectCache(CatalogCache cache) {
        return arguments -> cache.connect();
    }

    /**
     * While Lettuce is disconnected, commands fail at once instead of queueing until the command timeout: with Redis
     * down a read costs one refused command, then Redis is skipped for a while ({@link CacheProperties}).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Reconnects at least every 2 s (Lettuce's default backs off to 30 s), so hits resume soon after an outage. */
    @Bean
    ClientResourcesBuilderCustomizer reconnectSoon() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}

package dev.mercato.catalog.cache;

import dev.mercato.catalog.i18n.LanguageProperties;
import dev.mercato.web.redis.FailFastRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's cache. Redis settings: {@link FailFastRedis} — with Redis down a read costs one refused command, then
 * Redis is skipped for a while ({@link CacheProperties}), and hits resume soon after it returns.
 */
@Configuration(proxyBeanMethods = false)
@Import(FailFastRedis.class)
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
}

package dev.mercato.realtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Deletes the keys a test context wrote under its own prefix when it closes, so the shared Redis keeps nothing: after
 * the consumer and the backplane stopped, before the Redis client does (its lifecycle phase is 0).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRedisKeys {

    @Bean
    SmartLifecycle deleteTestKeysOnClose(
            StringRedisTemplate redis, @Value("${realtime.redis.key-prefix}") String prefix) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                try (var keys = redis.scan(ScanOptions.scanOptions()
                        .match(prefix + "*")
                        .count(1000)
                        .build())) {
                    keys.forEachRemaining(redis::delete);
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return 1;
            }
        };
    }
}

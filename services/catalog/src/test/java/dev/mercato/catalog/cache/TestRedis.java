package dev.mercato.catalog.cache;

import io.lettuce.core.ClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A Redis client as the catalog configures it (short timeouts, fail fast while disconnected), for cache tests. */
final class TestRedis implements AutoCloseable {

    final LettuceConnectionFactory connections;
    final StringRedisTemplate template;

    private TestRedis(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofMillis(200))
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .build())
                .build();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host(), port), client);
        connections.afterPropertiesSet();
        connections.start();
        template = new StringRedisTemplate(connections);
    }

    /** The shared local Redis. */
    static TestRedis shared() {
        return at(Integer.parseInt(System.getenv().getOrDefault("MERCATO_REDIS_PORT", "6379")));
    }

    static TestRedis at(int port) {
        return new TestRedis(port);
    }

    static String host() {
        return System.getenv().getOrDefault("MERCATO_REDIS_HOST", "localhost");
    }

    /** Deletes every key under the prefix (a test's own). */
    void deleteAll(String prefix) {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = template.scan(
                ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        if (!keys.isEmpty()) {
            template.delete(keys);
        }
    }

    @Override
    public void close() {
        connections.destroy();
    }
}

package dev.mercato.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.testsupport.redis.PrivateRedis;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Lua script against a real Redis of the test's own: the algorithms, atomicity under concurrency, one call each. */
class RedisRateLimiterIT {

    static PrivateRedis server;
    static LettuceConnectionFactory connections;
    static RedisRateLimiter limiter;

    @BeforeAll
    static void start() {
        server = PrivateRedis.start();
        connections = new LettuceConnectionFactory("127.0.0.1", server.port());
        connections.afterPropertiesSet();
        connections.start();
        limiter = new RedisRateLimiter(connections);
    }

    @AfterAll
    static void stop() {
        limiter.close();
        connections.destroy();
        server.close();
    }

    @Test
    void tokenBucketAllowsTheBurstThenRefusesWithTheWait() {
        Tier tier = new Tier("bucket", Algorithm.TOKEN_BUCKET, 1, Duration.ofMinutes(1), 3, List.of());
        String key = key();

        for (int i = 0; i < 3; i++) {
            assertThat(decide(tier, key).allowed()).isTrue();
        }
        Decision refused = decide(tier, key);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.tightest().remaining()).isZero();
        assertThat(refused.retryAfterMillis()).isBetween(55_000L, 60_000L);
    }

    @Test
    void slidingWindowCountsUpToTheLimit() {
        Tier tier = new Tier("window", Algorithm.SLIDING_WINDOW, 5, Duration.ofMinutes(10), null, List.of());
        String key = key();

        for (int i = 0; i < 5; i++) {
            assertThat(decide(tier, key).tightest().remaining()).isEqualTo(4 - i);
        }
        Decision refused = decide(tier, key);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMillis()).isPositive();
    }

    @Test
    void neverAllowsMoreThanTheLimitUnderConcurrentRequests() {
        Tier tier = new Tier("hot", Algorithm.TOKEN_BUCKET, 1, Duration.ofHours(1), 100, List.of());
        String key = key();

        List<Decision> decisions = Flux.range(0, 400)
                .flatMap(i -> Mono.fromFuture(limiter.decide(List.of(tier), List.of(key))), 64)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(decisions).hasSize(400);
        assertThat(decisions.stream().filter(Decision::allowed)).hasSize(100);
    }

    @Test
    void refusingOneTierSpendsNothingFromTheOthers() {
        Tier roomy = new Tier("roomy", Algorithm.SLIDING_WINDOW, 100, Duration.ofMinutes(1), null, List.of());
        Tier tight = new Tier("tight", Algorithm.TOKEN_BUCKET, 1, Duration.ofMinutes(1), 1, List.of());
        List<String> keys = List.of(key(), key());

        assertThat(limiter.decide(List.of(roomy, tight), keys).join().allowed()).isTrue();
        Decision refused = limiter.decide(List.of(roomy, tight), keys).join();

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.tiers().getFirst().remaining()).isEqualTo(99);
    }

    @Test
    void decidesOnARedisThatForgotTheScript() throws Exception {
        Tier tier = new Tier("flushed", Algorithm.TOKEN_BUCKET, 1, Duration.ofMinutes(1), 2, List.of());
        String key = key();
        decide(tier, key);

        server.command("SCRIPT", "FLUSH");

        Decision after = decide(tier, key);
        assertThat(after.allowed())
                .as("EVALSHA answered NOSCRIPT; the script was sent again")
                .isTrue();
        assertThat(after.tightest().remaining()).as("the bucket kept its count").isZero();
    }

    @Test
    void takesOneScriptCallPerDecisionWhateverTheNumberOfTiers() throws Exception {
        Tier a = new Tier("a", Algorithm.TOKEN_BUCKET, 10, Duration.ofSeconds(1), 10, List.of());
        Tier b = new Tier("b", Algorithm.SLIDING_WINDOW, 10, Duration.ofSeconds(1), null, List.of());
        decide(a, key()); // loads the script once
        long before = scriptCalls();

        for (int i = 0; i < 20; i++) {
            limiter.decide(List.of(a, b), List.of(key(), key())).join();
        }

        assertThat(scriptCalls() - before).isEqualTo(20);
    }

    private Decision decide(Tier tier, String key) {
        return limiter.decide(List.of(tier), List.of(key)).join();
    }

    private static String key() {
        return "test:rl:" + UUID.randomUUID();
    }

    /** EVALSHA + EVAL calls so far, from Redis's own command statistics. */
    private static long scriptCalls() throws Exception {
        String stats = server.command("INFO", "commandstats");
        long calls = 0;
        Matcher matcher = Pattern.compile("cmdstat_(evalsha|eval):calls=(\\d+)").matcher(stats);
        while (matcher.find()) {
            calls += Long.parseLong(matcher.group(2));
        }
        return calls;
    }
}

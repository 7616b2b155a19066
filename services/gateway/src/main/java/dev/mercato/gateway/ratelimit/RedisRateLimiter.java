package dev.mercato.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/** Runs {@code rate_limit.lua}: every tier of a request decided in one round trip (EVALSHA), atomically. */
class RedisRateLimiter {

    /**
     * From the script's text, read once: a script made from a resource checks the resource's modification time (a
     * file system call) each time its SHA is asked for, which is on every decision.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(scriptText(), List.class);

    private static String scriptText() {
        try (var in = new ClassPathResource("ratelimit/rate_limit.lua").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("ratelimit/rate_limit.lua is missing from the classpath", e);
        }
    }

    private final ReactiveStringRedisTemplate redis;

    RedisRateLimiter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Opens the connection and loads the script, so the first decisions after a start do not pay for both (a cold
     * first call can exceed the decision timeout and fall back to the local limits).
     */
    Mono<String> warmUp() {
        ByteBuffer script = ByteBuffer.wrap(SCRIPT.getScriptAsString().getBytes(StandardCharsets.UTF_8));
        return redis.execute(connection -> connection.scriptingCommands().scriptLoad(script))
                .next();
    }

    Mono<Decision> decide(List<Tier> tiers, List<String> keys) {
        List<String> args = new ArrayList<>(tiers.size() * 4);
        for (Tier tier : tiers) {
            args.add(String.valueOf(tier.algorithm().code));
            args.add(String.valueOf(tier.limit()));
            args.add(String.valueOf(tier.period().toMillis()));
            args.add(String.valueOf(tier.burst()));
        }
        return redis.execute(SCRIPT, keys, args).next().map(reply -> decision(tiers, reply));
    }

    private static Decision decision(List<Tier> tiers, List<Long> reply) {
        List<Decision.TierState> states = new ArrayList<>(tiers.size());
        for (int i = 0; i < tiers.size(); i++) {
            int at = 1 + i * 3;
            states.add(new Decision.TierState(tiers.get(i), reply.get(at) == 1, reply.get(at + 1), reply.get(at + 2)));
        }
        return new Decision(reply.getFirst() == 1, states, Decision.Source.REDIS);
    }
}

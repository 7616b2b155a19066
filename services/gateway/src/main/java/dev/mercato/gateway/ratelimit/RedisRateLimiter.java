package dev.mercato.gateway.ratelimit;

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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> SCRIPT =
            (RedisScript) RedisScript.of(new ClassPathResource("ratelimit/rate_limit.lua"), List.class);

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

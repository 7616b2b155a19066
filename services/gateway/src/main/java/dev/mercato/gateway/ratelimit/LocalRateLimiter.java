package dev.mercato.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same two algorithms as {@code rate_limit.lua}, in memory: what an instance enforces on its own while Redis is
 * unreachable. The arithmetic mirrors the script line for line so both answer alike.
 */
class LocalRateLimiter {

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private int calls;

    synchronized Decision decide(List<Tier> tiers, List<String> keys, long now) {
        if (++calls % SWEEP_EVERY == 0) {
            states.values().removeIf(state -> state.expiresAt < now);
        }
        List<Evaluation> evaluations = new ArrayList<>(tiers.size());
        boolean allowed = true;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            State state = states.computeIfAbsent(keys.get(i), k -> new State());
            Evaluation evaluation =
                    tier.algorithm() == Algorithm.TOKEN_BUCKET ? bucket(tier, state, now) : window(tier, state, now);
            evaluations.add(evaluation);
            allowed &= evaluation.allowed;
        }
        List<Decision.TierState> result = new ArrayList<>(tiers.size());
        for (Evaluation evaluation : evaluations) {
            if (allowed) {
                evaluation.consume.run();
            }
            result.add(new Decision.TierState(
                    evaluation.tier,
                    evaluation.allowed,
                    allowed ? evaluation.remainingAfter : evaluation.remainingBefore,
                    evaluation.resetMillis));
        }
        return new Decision(allowed, result, Decision.Source.LOCAL_FALLBACK);
    }

    private static Evaluation bucket(Tier tier, State state, long now) {
        double rate = (double) tier.limit() / tier.period().toMillis();
        double tokens = state.started ? Math.min(tier.burst(), state.tokens + (now - state.at) * rate) : tier.burst();
        boolean ok = tokens >= 1;
        long reset =
                ok ? (long) Math.ceil((tier.burst() - (tokens - 1)) / rate) : (long) Math.ceil((1 - tokens) / rate);
        double refilled = tokens;
        return new Evaluation(
                tier, ok, (long) Math.floor(tokens), (long) Math.floor(Math.max(0, tokens - 1)), reset, () -> {
                    state.started = true;
                    state.tokens = refilled - 1;
                    state.at = now;
                    state.expiresAt = now + (long) Math.ceil(tier.burst() / rate) + 1000;
                });
    }

    private static Evaluation window(Tier tier, State state, long now) {
        long period = tier.period().toMillis();
        long current = Math.floorDiv(now, period);
        long count = 0;
        long previous = 0;
        if (state.started && state.window == current) {
            count = state.count;
            previous = state.previous;
        } else if (state.started && state.window == current - 1) {
            previous = state.count;
        }
        double elapsed = (double) (now - current * period) / period;
        double estimated = previous * (1 - elapsed) + count;
        boolean ok = estimated + 1 <= tier.limit();
        long reset = ok
                ? period - (now - current * period)
                : SlidingWindowWait.millis(tier.limit(), count, previous, elapsed, period);
        long countNow = count;
        long previousNow = previous;
        return new Evaluation(
                tier,
                ok,
                (long) Math.floor(Math.max(0, tier.limit() - estimated)),
                (long) Math.floor(Math.max(0, tier.limit() - estimated - 1)),
                reset,
                () -> {
                    state.started = true;
                    state.window = current;
                    state.count = countNow + 1;
                    state.previous = previousNow;
                    state.expiresAt = now + 2 * period;
                });
    }

    private record Evaluation(
            Tier tier,
            boolean allowed,
            long remainingBefore,
            long remainingAfter,
            long resetMillis,
            Runnable consume) {}

    private static final class State {
        boolean started;
        double tokens;
        long at;
        long window;
        long count;
        long previous;
        long expiresAt = Long.MAX_VALUE;
    }
}

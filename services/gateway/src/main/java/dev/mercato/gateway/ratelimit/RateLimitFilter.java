package dev.mercato.gateway.ratelimit;

import dev.mercato.gateway.edge.EventLoops;
import dev.mercato.gateway.guard.RequestProgress;
import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies the rate limits of the matched route: {@code X-RateLimit-Limit/Remaining/Reset} on every limited response,
 * 429 with {@code Retry-After} over the limit.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final RateLimiter limiter;
    private final CallerKeys callers;
    private final ProblemWriter problems;

    RateLimitFilter(RateLimiter limiter, CallerKeys callers, ProblemWriter problems) {
        this.limiter = limiter;
        this.callers = callers;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        List<Tier> tiers = limiter.tiersOf(route == null ? "" : route.getId());
        if (tiers.isEmpty()) {
            RequestProgress.reached(exchange, RequestProgress.RATE_LIMIT_DECIDED);
            return chain.filter(exchange);
        }
        return limiter.decide(tiers, callers.of(exchange), EventLoops.of(exchange))
                .flatMap(decision -> {
                    RequestProgress.reached(exchange, RequestProgress.RATE_LIMIT_DECIDED);
                    return apply(decision, exchange, chain);
                });
    }

    private Mono<Void> apply(Decision decision, ServerWebExchange exchange, GatewayFilterChain chain) {
        Decision.TierState shown = decision.tightest();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, String.valueOf(shown.tier().capacity()));
        headers.set(REMAINING, String.valueOf(shown.remaining()));
        headers.set(RESET, String.valueOf(seconds(shown.resetMillis())));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, seconds(decision.retryAfterMillis()))));
        return problems.write(
                exchange,
                ProblemType.TOO_MANY_REQUESTS,
                "Rate limit exceeded; retry after the number of seconds in Retry-After");
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    /** After route access, so a verified user is counted as that user. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}

package dev.mercato.gateway.stream;

import dev.mercato.gateway.problem.ProblemWriter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code - StreamLimit} on a route whose responses live long (application.yml, realtime-stream): each of its
 * requests takes a place among the {@link OpenStreams} until its response ends or its client goes away, and is
 * answered 503 with {@code Retry-After} when there is none.
 */
@Component
public class StreamLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StreamLimitGatewayFilterFactory.Config> {

    private final OpenStreams streams;
    private final ProblemWriter problems;
    private final long retryAfterSeconds;

    public StreamLimitGatewayFilterFactory(OpenStreams streams, ProblemWriter problems, StreamProperties properties) {
        super(Config.class);
        this.streams = streams;
        this.problems = problems;
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    /** The filter takes no arguments: the limit is the gateway's, shared by every stream route. */
    public static class Config {}

    /**
     * Ordered before {@link NettyWriteResponseFilter}: the rest of the chain then completes when the response body
     * ends (or its client leaves), not when the upstream's headers arrive.
     */
    @Override
    public GatewayFilter apply(Config config) {
        return new OrderedGatewayFilter(this::filter, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!streams.tryOpen()) {
            return problems.unavailable(
                    exchange,
                    "The gateway holds as many streams as it can (" + streams.limit() + "); retry later",
                    retryAfterSeconds);
        }
        return chain.filter(exchange).doFinally(signal -> streams.closed());
    }
}

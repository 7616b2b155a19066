package dev.mercato.gateway.stream;

import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.capacity.ConnectionLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code - StreamLimit} on a route whose responses live long (application.yml, the realtime stream and socket routes):
 * each of its requests takes a place among the gateway's streams until its response ends or its client goes away, and
 * is answered 503 with {@code Retry-After} when there is none. Without the limit ~900 open streams filled the 96 MB
 * heap and the gateway answered nothing while it collected garbage (docs/adr/015-realtime-delivery.md).
 */
@Component
public class StreamLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StreamLimitGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(StreamLimitGatewayFilterFactory.class);

    /** Shared by every route that carries the filter ({@code gateway.streams.open}, {@code .limit}, {@code .refused}). */
    private final ConnectionLimit streams;

    private final ProblemWriter problems;
    private final long retryAfterSeconds;

    public StreamLimitGatewayFilterFactory(ProblemWriter problems, StreamProperties properties, MeterRegistry meters) {
        super(Config.class);
        this.streams =
                new ConnectionLimit(properties.limit(Runtime.getRuntime().maxMemory()), meters, "gateway.streams");
        log.info("Proxying at most {} streams at once", streams.limit());
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
            return problems.busy(
                    exchange,
                    "The gateway holds as many streams as it can (" + streams.limit() + "); retry later",
                    retryAfterSeconds);
        }
        return chain.filter(exchange).doFinally(signal -> streams.closed());
    }
}

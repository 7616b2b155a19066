package dev.mercato.realtime.admission;

import dev.mercato.realtime.web.ProblemResponses;
import dev.mercato.web.capacity.ConnectionLimit;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Admits a new connection only while the instance has room for it ({@code realtime.connections.*}): past the limit
 * it is answered 503 with {@code Retry-After} before any work is done for it (no token check, no subscription), and
 * the connections already held go on. Without it a crowd of 1,000 connections filled the 96 MB heap and the instance
 * failed every client with {@code OutOfMemoryError} (docs/benchmarks.md, 2026-12-07). The place is held until the
 * response ends or the client leaves.
 */
@Component
class ConnectionAdmission implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ConnectionAdmission.class);
    private static final Set<String> CONNECTION_PATHS = Set.of("/v1/stream", "/v1/ws");

    private final ConnectionLimit connections;
    private final ProblemResponses problems;
    private final AdmissionProperties properties;

    ConnectionAdmission(AdmissionProperties properties, ProblemResponses problems, MeterRegistry meters) {
        this.properties = properties;
        this.problems = problems;
        this.connections =
                new ConnectionLimit(properties.limit(Runtime.getRuntime().maxMemory()), meters, "realtime.admission");
        log.info("Holding at most {} connections at once", connections.limit());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                || !CONNECTION_PATHS.contains(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        if (!connections.tryOpen()) {
            return problems.unavailable(
                    exchange,
                    "This instance holds as many connections as it can (" + connections.limit() + "); retry later",
                    properties.retryAfter());
        }
        return chain.filter(exchange).doFinally(signal -> connections.closed());
    }

    /** After the request id (so the refusal carries it), before the security filters (so it costs nothing). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}

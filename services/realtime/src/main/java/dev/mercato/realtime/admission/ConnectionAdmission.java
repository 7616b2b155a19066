package dev.mercato.realtime.admission;

import dev.mercato.realtime.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link Admission} for the WebSocket, which WebFlux upgrades; the event stream, below WebFlux, asks it itself
 * ({@code stream.EventStreams}).
 */
@Component
class ConnectionAdmission implements WebFilter, Ordered {

    private static final String SOCKET_PATH = "/v1/ws";

    private final Admission admission;
    private final ProblemResponses problems;

    ConnectionAdmission(Admission admission, ProblemResponses problems) {
        this.admission = admission;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET
                || !SOCKET_PATH.equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        if (!admission.tryOpen()) {
            return problems.unavailable(exchange, admission.refusal(), admission.retryAfter());
        }
        return chain.filter(exchange).doFinally(signal -> admission.closed());
    }

    /** After the request id (so the refusal carries it), before the security filters (so it costs nothing). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}

package dev.mercato.gateway.guard;

import dev.mercato.gateway.edge.RequestLogContext;
import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The outermost filter: every request gets a response within its route's deadline plus a margin, whatever a filter,
 * a library or the framework does (or fails to do) inside. The route's own timeouts answer first in every case the
 * gateway knows of; a request this guard has to answer is a bug somewhere inside, so it is counted
 * ({@code gateway.guard.rescues} by route and by how far the request got) and logged, and the client gets a problem
 * document instead of waiting forever: 504 once the request was forwarded, 503 before.
 *
 * <p>One timer per request, on the request's own event loop ({@link Watch}): at {@code first-check} nearly every
 * request has been answered, and the rare one still running gets a second timer for what is left of its deadline. A
 * response whose headers are out is not cut short: a slow body (a stream) is the service's business.
 */
@Component
public class ResponseGuard implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ResponseGuard.class);

    private final GuardProperties properties;
    private final ProblemWriter problems;
    private final MeterRegistry meters;

    public ResponseGuard(GuardProperties properties, ProblemWriter problems, MeterRegistry meters) {
        this.properties = properties;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Watch watch = new Watch(exchange, this::deadlineNanos);
        watch.checkAfter(properties.firstCheck());
        return chain.filter(exchange)
                .takeUntilOther(watch.expiry())
                .then(Mono.defer(() -> watch.expired() ? rescue(exchange, watch) : Mono.empty()))
                .doFinally(signal -> watch.finished());
    }

    private long deadlineNanos(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Duration declared = route == null ? null : RouteDeadlines.of(route);
        return (declared == null ? properties.defaultDeadline() : declared)
                .plus(properties.margin())
                .toNanos();
    }

    private Mono<Void> rescue(ServerWebExchange exchange, Watch watch) {
        RequestProgress progress = RequestProgress.of(exchange);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        long elapsedMillis = Duration.ofNanos(watch.elapsedNanos()).toMillis();
        rescues(routeId, progress).increment();
        Mono<Void> logged = RequestLogContext.log(
                exchange,
                () -> log.warn(
                        "No answer to {} {} after {} ms (route {}, {}): answered by the guard",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        elapsedMillis,
                        routeId,
                        progress.description()));
        if (exchange.getResponse().isCommitted()) {
            return logged.then(Mono.error(new IllegalStateException("response stalled after its headers were sent")));
        }
        boolean forwarded = progress.compareTo(RequestProgress.FORWARDED) >= 0;
        return logged.then(
                forwarded
                        ? problems.write(exchange, ProblemType.TIMEOUT, routeId + " did not answer in time")
                        : problems.write(
                                exchange,
                                ProblemType.UNAVAILABLE,
                                "The gateway could not complete the request in time; retry shortly"));
    }

    private Counter rescues(String routeId, RequestProgress progress) {
        return Counter.builder("gateway.guard.rescues")
                .description("Requests the gateway answered only because their deadline passed with no answer")
                .tag("route", routeId)
                .tag("progress", progress.name().toLowerCase())
                .register(meters);
    }

    /** Outside everything else, the request id and security filters included. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

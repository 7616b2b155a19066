package dev.mercato.gateway.edge;

import dev.mercato.web.requestid.RequestIds;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives a log line about a request its trace id and request id. The gateway does not copy the Reactor context into
 * thread locals on every operator (that cost more CPU per request than routing itself), so the few places that log
 * about a request restore it here, once.
 */
public final class RequestLogContext {

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();

    private RequestLogContext() {}

    public static Mono<Void> log(ServerWebExchange exchange, Runnable statement) {
        return Mono.deferContextual(context -> {
            Object requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
            try (ContextSnapshot.Scope ignored = SNAPSHOTS.setThreadLocalsFrom(context)) {
                if (requestId != null) {
                    MDC.put(RequestIds.MDC_KEY, requestId.toString());
                }
                statement.run();
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
            return Mono.empty();
        });
    }
}

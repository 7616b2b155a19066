package dev.mercato.gateway.edge;

import dev.mercato.web.requestid.RequestIds;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Assigns the request id at the edge: echoed to the client, forwarded to the service that handles the request, and
 * carried in the Reactor context so log lines on any thread show it.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String ATTRIBUTE = RequestIds.MDC_KEY;

    static {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        RequestIds.MDC_KEY,
                        () -> MDC.get(RequestIds.MDC_KEY),
                        value -> MDC.put(RequestIds.MDC_KEY, value),
                        () -> MDC.remove(RequestIds.MDC_KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId =
                RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // Set again at commit: a downstream response's own header must not replace the edge's. The forwarded request
        // gets it from EdgeRequestHeaders.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(exchange).contextWrite(Context.of(RequestIds.MDC_KEY, requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}

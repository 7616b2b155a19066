package dev.mercato.gateway.edge;

import dev.mercato.web.tracing.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Answers every request with the {@code traceparent} of the edge span, the root of the request's trace. */
@Component
public class TraceparentWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                    .map(context -> context.<TracingObservationHandler.TracingContext>get(
                            TracingObservationHandler.TracingContext.class))
                    .map(TracingObservationHandler.TracingContext::getSpan)
                    .map(Span::context)
                    .ifPresent(
                            span -> exchange.getResponse().getHeaders().set(Traceparent.HEADER, Traceparent.of(span)));
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}

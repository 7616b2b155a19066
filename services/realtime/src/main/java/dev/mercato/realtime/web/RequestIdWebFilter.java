package dev.mercato.realtime.web;

import dev.mercato.web.requestid.RequestIds;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** {@code X-Request-Id} as every service treats it (libs/web's rules; its filter is servlet-only): echoed, or made. */
@Component
class RequestIdWebFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = RequestIds.MDC_KEY;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId =
                RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange);
    }

    /** Before the security filters, so their problems carry it too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}

package dev.mercato.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Drops the forwarding headers a client sent, unless trusted proxies stand in front of the gateway. The gateway then
 * adds {@code X-Forwarded-For} with the address it actually saw, so services (login throttling, audit) cannot be fooled
 * by a client claiming another address.
 */
@Component
public class ForwardedHeadersSanitizer implements GlobalFilter, Ordered {

    private final boolean behindTrustedProxies;

    public ForwardedHeadersSanitizer(@Value("${gateway.rate-limits.trusted-proxies:0}") int trustedProxies) {
        this.behindTrustedProxies = trustedProxies > 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (behindTrustedProxies) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove("Forwarded");
                    headers.remove("X-Forwarded-For");
                    headers.remove("X-Forwarded-Host");
                    headers.remove("X-Forwarded-Port");
                    headers.remove("X-Forwarded-Proto");
                    headers.remove("X-Forwarded-Prefix");
                    headers.remove("X-Real-IP");
                }))
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

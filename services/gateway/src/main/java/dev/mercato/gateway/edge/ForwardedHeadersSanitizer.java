package dev.mercato.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Drops the headers only the edge may set: always the caller identity ({@code X-User-Id}, {@code X-User-Roles}, set
 * from a verified token), and the forwarding headers unless trusted proxies stand in front of the gateway. The gateway
 * then adds {@code X-Forwarded-For} with the address it actually saw, so services (login throttling, audit) cannot be
 * fooled by a client claiming another identity or address. One place, one exchange mutation per request.
 */
@Component
public class ForwardedHeadersSanitizer implements GlobalFilter, Ordered {

    private final boolean behindTrustedProxies;

    public ForwardedHeadersSanitizer(@Value("${gateway.rate-limits.trusted-proxies:0}") int trustedProxies) {
        this.behindTrustedProxies = trustedProxies > 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(CallerHeaders.USER_ID);
                    headers.remove(CallerHeaders.USER_ROLES);
                    if (behindTrustedProxies) {
                        return;
                    }
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

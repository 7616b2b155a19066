package dev.mercato.gateway.edge;

import dev.mercato.web.requestid.RequestIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers the edge decides on the request it forwards, written once into the copy that is sent: client-supplied
 * caller identity ({@code X-User-Id}, {@code X-User-Roles}) is always dropped and the verified caller's written
 * instead; client-supplied forwarding headers are dropped unless trusted proxies stand in front of the gateway (the
 * gateway then adds {@code X-Forwarded-For} with the address it saw, so services — login throttling, audit — cannot be
 * fooled); the request id is set. Runs before Spring Cloud Gateway's {@code X-Forwarded-*} filter.
 *
 * <p>Doing this here rather than by mutating the exchange in each filter saves a full copy of the request's headers
 * per mutation on every request.
 */
@Component
public class EdgeRequestHeaders implements HttpHeadersFilter, Ordered {

    private static final String[] FORWARDING = {
        "Forwarded",
        "X-Forwarded-For",
        "X-Forwarded-Host",
        "X-Forwarded-Port",
        "X-Forwarded-Proto",
        "X-Forwarded-Prefix",
        "X-Real-IP"
    };

    private final boolean behindTrustedProxies;

    public EdgeRequestHeaders(@Value("${gateway.rate-limits.trusted-proxies:0}") int trustedProxies) {
        this.behindTrustedProxies = trustedProxies > 0;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = HttpHeaders.copyOf(input);
        headers.remove(CallerHeaders.USER_ID);
        headers.remove(CallerHeaders.USER_ROLES);
        if (!behindTrustedProxies) {
            for (String name : FORWARDING) {
                headers.remove(name);
            }
        }
        Object requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (requestId != null) {
            headers.set(RequestIds.HEADER, requestId.toString());
        }
        Caller caller = Caller.of(exchange);
        if (caller != null) {
            headers.set(CallerHeaders.USER_ID, caller.userId());
            headers.set(CallerHeaders.USER_ROLES, caller.roles());
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

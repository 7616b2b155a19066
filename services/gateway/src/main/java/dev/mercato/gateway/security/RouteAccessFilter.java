package dev.mercato.gateway.security;

import dev.mercato.gateway.edge.Caller;
import dev.mercato.gateway.guard.RequestProgress;
import dev.mercato.gateway.problem.ProblemWriter;
import dev.mercato.web.problem.ProblemType;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces each route's declared access ({@code metadata.access}): {@code public}, or {@code authenticated} — the
 * default, so a route nobody thought about is closed. Keeps the verified caller on the exchange ({@link Caller}): it is
 * counted as that user by the rate limits and forwarded as {@code X-User-Id} and {@code X-User-Roles} by
 * {@link dev.mercato.gateway.edge.EdgeRequestHeaders} (services still verify the token themselves).
 */
@Component
public class RouteAccessFilter implements GlobalFilter, Ordered {

    private final ProblemWriter problems;

    public RouteAccessFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        boolean isPublic = route != null && "public".equals(route.getMetadata().get("access"));
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    RequestProgress.reached(exchange, RequestProgress.ACCESS_CHECKED);
                    if (caller.isPresent()) {
                        Jwt token = caller.get().getToken();
                        List<String> roles = token.getClaimAsStringList("roles");
                        new Caller(token.getSubject(), roles == null ? "" : String.join(",", roles)).attachTo(exchange);
                        return chain.filter(exchange);
                    }
                    if (isPublic) {
                        return chain.filter(exchange);
                    }
                    return problems.write(
                            exchange,
                            ProblemType.UNAUTHORIZED,
                            "This route needs an access token (Authorization: Bearer <token>)");
                });
    }

    /** Early, so an unauthenticated request is refused before it is load-balanced, limited or forwarded. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}

package dev.mercato.gateway.security;

import dev.mercato.gateway.edge.CallerHeaders;
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
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Enforces each route's declared access ({@code metadata.access}): {@code public}, or {@code authenticated} — the
 * default, so a route nobody thought about is closed. Forwards the verified caller as {@code X-User-Id} and
 * {@code X-User-Roles} (for logs and limits; services still verify the token); any a client sent were already
 * removed by {@link dev.mercato.gateway.edge.ForwardedHeadersSanitizer}.
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
                        return chain.filter(withCaller(exchange, caller.get()));
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

    private static ServerWebExchange withCaller(ServerWebExchange exchange, JwtAuthenticationToken caller) {
        List<String> roles = caller.getToken().getClaimAsStringList("roles");
        return exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.set(CallerHeaders.USER_ID, caller.getToken().getSubject());
                    headers.set(CallerHeaders.USER_ROLES, roles == null ? "" : String.join(",", roles));
                }))
                .build();
    }

    /** Early, so an unauthenticated request is refused before it is load-balanced, limited or forwarded. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}

package dev.mercato.gateway.edge;

import org.springframework.web.server.ServerWebExchange;

/**
 * The caller the edge verified from the request's token, kept on the exchange for whoever needs it (rate limits,
 * the headers forwarded to the service) instead of being written into a copy of the request.
 *
 * @param userId the token's subject
 * @param roles the token's roles, comma-separated (empty when it has none)
 */
public record Caller(String userId, String roles) {

    private static final String ATTRIBUTE = Caller.class.getName();

    public void attachTo(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    /** The verified caller, or null for an anonymous request. */
    public static Caller of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}

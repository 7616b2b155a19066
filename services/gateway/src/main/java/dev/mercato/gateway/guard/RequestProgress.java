package dev.mercato.gateway.guard;

import java.util.Map;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * How far a request got through the edge, for the log line and the metric of a request the {@link ResponseGuard} had
 * to answer. The gateway's own filters mark the steps only they know of; the later steps are read from the attributes
 * Spring Cloud Gateway sets anyway, so a request pays for one attribute write per marked step and nothing more.
 */
public enum RequestProgress {
    RECEIVED("received, not yet past the security filters"),
    ROUTE_MATCHED("route matched, access not yet checked"),
    ACCESS_CHECKED("access checked, rate limit not yet decided"),
    RATE_LIMIT_DECIDED("rate limit decided, no instance chosen yet"),
    INSTANCE_CHOSEN("instance chosen, not yet forwarded"),
    FORWARDED("forwarded, waiting for the service's answer"),
    ANSWERED("the service answered, response not yet sent"),
    RESPONDING("response headers sent, body not complete");

    private static final String ATTRIBUTE = RequestProgress.class.getName();

    private final String description;

    RequestProgress(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Records that the request reached {@code step}; only the gateway's own filters call this. */
    public static void reached(ServerWebExchange exchange, RequestProgress step) {
        exchange.getAttributes().put(ATTRIBUTE, step);
    }

    /** The furthest step the request is known to have reached. */
    static RequestProgress of(ServerWebExchange exchange) {
        Map<String, Object> attributes = exchange.getAttributes();
        if (exchange.getResponse().isCommitted()) {
            return RESPONDING;
        }
        if (attributes.containsKey(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR)) {
            return ANSWERED;
        }
        if (attributes.containsKey(ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR)
                || attributes.containsKey(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR)) {
            return FORWARDED;
        }
        if (attributes.containsKey(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)) {
            return INSTANCE_CHOSEN;
        }
        Object marked = attributes.get(ATTRIBUTE);
        if (marked instanceof RequestProgress step) {
            return step;
        }
        return attributes.containsKey(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) ? ROUTE_MATCHED : RECEIVED;
    }
}

package dev.mercato.gateway.edge;

import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/**
 * The event loop a request arrived on, for timers that should cost the request as little as possible: scheduled from
 * that loop's own thread, a timer is an entry in the loop's queue — no lock, no thread to wake.
 */
public final class EventLoops {

    private EventLoops() {}

    /** Null when the request did not come through Reactor Netty (then use a scheduler). */
    public static ScheduledExecutorService of(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? connection.channel().eventLoop() : null;
    }
}

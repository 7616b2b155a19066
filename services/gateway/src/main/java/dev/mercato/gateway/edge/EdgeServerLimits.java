package dev.mercato.gateway.edge;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time limits on what a client sends. Without them a client that opens a connection and sends half a request (or
 * nothing) holds the connection for ever. A connection with no complete request for {@code gateway.edge.idle-timeout}
 * is closed: longer than the JDK HTTP client's 30 s keep-alive, so a pooled client connection is never closed under
 * it. Once a request has begun, bytes that stop coming for {@code gateway.edge.read-timeout} drop it, and a request not
 * received whole within {@code gateway.edge.request-timeout} is answered 408.
 */
@Configuration(proxyBeanMethods = false)
class EdgeServerLimits {

    @Bean
    NettyServerCustomizer edgeRequestTimeouts(
            @Value("${gateway.edge.read-timeout:10s}") Duration readTimeout,
            @Value("${gateway.edge.request-timeout:30s}") Duration requestTimeout,
            @Value("${gateway.edge.idle-timeout:35s}") Duration idleTimeout) {
        return server ->
                server.idleTimeout(idleTimeout).readTimeout(readTimeout).requestTimeout(requestTimeout);
    }
}

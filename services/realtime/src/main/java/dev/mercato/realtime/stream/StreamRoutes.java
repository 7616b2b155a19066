package dev.mercato.realtime.stream;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.netty.channel.ChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The event stream and the WebSocket as functional routes: their problems are written as {@code application/problem+json} whatever the client
 * accepts (an {@code EventSource} accepts only {@code text/event-stream}).
 */
@Configuration(proxyBeanMethods = false)
class StreamRoutes {

    @Bean
    RouterFunction<ServerResponse> streamRoute(StreamHandler stream, SocketHandshake socket) {
        return RouterFunctions.route(GET("/v1/stream"), stream::stream).andRoute(GET("/v1/ws"), socket::upgrade);
    }

    /** Frames past {@code maxFramePayloadBytes} close the connection before they are held in memory. */
    @Bean
    WebSocketService webSocketService(SocketProperties properties) {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxFramePayloadBytes())));
    }

    /** A smaller send buffer bounds what the kernel holds for a client that does not read, when set. */
    @Bean
    NettyServerCustomizer sendBuffer(StreamProperties properties) {
        return server -> properties.sendBufferBytes() > 0
                ? server.childOption(ChannelOption.SO_SNDBUF, properties.sendBufferBytes())
                : server;
    }
}

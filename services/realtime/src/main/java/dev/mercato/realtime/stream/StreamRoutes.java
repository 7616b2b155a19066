package dev.mercato.realtime.stream;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.netty.channel.ChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
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
 * The WebSocket as a functional route (its problems are written as {@code application/problem+json} whatever the client
 * accepts), and the event stream in front of WebFlux.
 */
@Configuration(proxyBeanMethods = false)
class StreamRoutes {

    @Bean
    RouterFunction<ServerResponse> socketRoute(SocketHandshake socket) {
        return RouterFunctions.route(GET("/v1/ws"), socket::upgrade);
    }

    /** The event stream, in front of WebFlux ({@link EventStreams}: what a stream holds for its whole life). */
    @Bean
    WebHttpHandlerBuilderCustomizer eventStreamInFrontOfWebFlux(EventStreams streams) {
        return builder -> builder.httpHandlerDecorator(streams::around);
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

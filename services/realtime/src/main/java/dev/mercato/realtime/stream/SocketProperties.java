package dev.mercato.realtime.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFrameBytes the largest client frame acted on; a larger one is answered with an error frame
 * @param maxFramePayloadBytes the largest frame read at all: past it the transport closes the connection (1009), so
 *     no client makes the server hold more than this for one frame
 */
@ConfigurationProperties("realtime.socket")
record SocketProperties(int maxFrameBytes, int maxFramePayloadBytes) {}

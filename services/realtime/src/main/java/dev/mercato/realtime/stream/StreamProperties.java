package dev.mercato.realtime.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param heartbeat how often every connection gets a comment line, so proxies and clients see it alive
 * @param buffer the most events waiting for one client (a power of two, at least 8, is what Reactor's queues hold); a client further behind is dropped (it resumes with its
 *     last event id when it reconnects), so it never holds up the others or this instance's memory
 * @param maxTopics the most topics one connection follows
 * @param retry the reconnection delay suggested to clients ({@code retry:})
 * @param sendBufferBytes the socket send buffer per connection ({@code SO_SNDBUF}); 0 keeps the system's
 */
@ConfigurationProperties("realtime.stream")
record StreamProperties(Duration heartbeat, int buffer, int maxTopics, Duration retry, int sendBufferBytes) {}
